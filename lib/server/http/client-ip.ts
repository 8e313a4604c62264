import "server-only";
import { env } from "@/lib/env";

/** Set by scripts/server.ts from the TCP socket, overwriting whatever a client sent. */
export const SOCKET_IP_HEADER = "x-palm-socket-ip";

/**
 * The client address used for rate limiting. Only sources a client cannot forge on a direct
 * connection count: the platform header named by TRUSTED_IP_HEADER (Vercel overwrites
 * x-forwarded-for at its edge, so it is trusted there by default), else the socket address our
 * own server stamps on every request. A plain X-Forwarded-For is ignored otherwise.
 */
export function clientIp(request: Request): string {
  const trusted = env.TRUSTED_IP_HEADER ?? (process.env.VERCEL ? "x-forwarded-for" : undefined);
  if (trusted) {
    const value = request.headers.get(trusted)?.split(",")[0]?.trim();
    if (value) return value;
  }
  return request.headers.get(SOCKET_IP_HEADER) ?? "unknown";
}
