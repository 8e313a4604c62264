import "server-only";
import type { Db } from "@/lib/server/db/client";

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** Every key, live ones first, newest first; never the key or its hash. */
export async function listApiKeys(db: Db): Promise<ApiKeySummary[]> {
  const rows = await db.apiKey.findMany({
    select: { id: true, name: true, prefix: true, createdAt: true, revokedAt: true },
    orderBy: [{ createdAt: "desc" }],
  });
  return rows.sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
}
