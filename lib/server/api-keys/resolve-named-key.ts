import "server-only";
import { prisma } from "@/lib/server/db/client";
import { API_KEY_PREFIX, hashApiKey } from "./api-key-secret";

/** Which key a request came with: its rate-limit identity and its Idempotency-Key namespace. */
export interface KeyIdentity {
  /** "service" (SERVICE_API_KEY), "owner" (OWNER_API_KEY), else "key_<ApiKey id>". */
  id: string;
  /** For logs: "service", "owner" or the key's name. */
  name: string;
}

export const SERVICE_IDENTITY: KeyIdentity = { id: "service", name: "service" };
export const OWNER_IDENTITY: KeyIdentity = { id: "owner", name: "owner" };

/** The live named key (npm run api-keys) a bearer token is, or null. */
export async function resolveNamedKey(token: string | undefined): Promise<KeyIdentity | null> {
  // Anything that does not look like one of our keys is refused without a query.
  if (!token || !token.startsWith(API_KEY_PREFIX) || token.length > 200) return null;
  const row = await prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(token) }, select: { id: true, name: true, revokedAt: true } });
  if (!row || row.revokedAt) return null;
  return { id: `key_${row.id}`, name: row.name };
}
