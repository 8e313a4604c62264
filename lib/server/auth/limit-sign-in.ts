import "server-only";
import { clientIp } from "@/lib/server/http/client-ip";
import { enforceRateLimit } from "@/lib/server/http/rate-limit";
import { emailKey } from "./session";

/**
 * Throws RATE_LIMITED when this request for a sign-in link is over either limit: per address (no
 * mailbox flooding) and per client (no guessing which addresses are staff).
 */
export async function limitSignInAttempts(headers: Headers, email: string | null): Promise<void> {
  const client = clientIp(headers);
  if (client) await enforceRateLimit("signin-client", client);
  if (email) await enforceRateLimit("signin-email", emailKey(email));
}
