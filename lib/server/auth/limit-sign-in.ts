import "server-only";
import { clientIp } from "@/lib/server/http/client-ip";
import { enforceRateLimit, type FixedLimit } from "@/lib/server/http/rate-limit";
import { emailKey } from "./session";

// Sign-in links are requested anonymously, so they are limited whatever RATE_LIMIT_MAX says:
// per address (no mailbox flooding) and per client (no guessing which addresses are staff).
export const SIGN_IN_LIMIT_PER_EMAIL: FixedLimit = { max: 5, windowSeconds: 15 * 60 };
export const SIGN_IN_LIMIT_PER_CLIENT: FixedLimit = { max: 20, windowSeconds: 15 * 60 };

/** Throws RATE_LIMITED when this request for a sign-in link is over either limit. */
export async function limitSignInAttempts(headers: Headers, email: string | null): Promise<void> {
  await enforceRateLimit("signin", `ip:${clientIp(headers)}`, SIGN_IN_LIMIT_PER_CLIENT);
  if (email) await enforceRateLimit("signin", `email:${emailKey(email)}`, SIGN_IN_LIMIT_PER_EMAIL);
}
