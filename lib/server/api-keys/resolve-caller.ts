import "server-only";
import { env } from "@/lib/env";
import { prisma } from "@/lib/server/db/client";
import { safeEqual } from "@/lib/server/http/auth";
import { API_KEY_PREFIX, hashApiKey } from "./api-key-secret";

/** Who is calling a service route: the rate-limit identity and the Idempotency-Key namespace. */
export interface Caller {
  /** "service" for SERVICE_API_KEY, else "key_<ApiKey id>". */
  id: string;
  /** For logs: "service" or the key's name. */
  name: string;
}

export const SERVICE_CALLER: Caller = { id: "service", name: "service" };

/** The caller a bearer token belongs to, or null when it is no live key. */
export async function resolveCaller(token: string | undefined): Promise<Caller | null> {
  if (!token) return null;
  if (safeEqual(token, env.SERVICE_API_KEY)) return SERVICE_CALLER;
  // Anything else that does not look like one of our keys is refused without a query.
  if (!token.startsWith(API_KEY_PREFIX) || token.length > 200) return null;
  const row = await prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(token) }, select: { id: true, name: true, revokedAt: true } });
  if (!row || row.revokedAt) return null;
  return { id: `key_${row.id}`, name: row.name };
}
