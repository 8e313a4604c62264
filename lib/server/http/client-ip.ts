import "server-only";
import { isIP, isIPv4, isIPv6 } from "node:net";
import { env } from "@/lib/env";
import { safeEqual } from "./auth";

/** Set by scripts/server.ts from the TCP socket, overwriting whatever a client sent. */
export const SOCKET_IP_HEADER = "x-palm-socket-ip";
/**
 * Sent by scripts/server.ts beside SOCKET_IP_HEADER: the per-process secret it put in
 * PALM_SOCKET_STAMP. Under any other server (`next start`, a platform) a client could send
 * SOCKET_IP_HEADER itself; without the matching stamp the header is ignored.
 */
export const SOCKET_STAMP_HEADER = "x-palm-socket-stamp";

/**
 * The guest's address as seen by the site's own server, sent along when the site calls the
 * private API on a guest's behalf. Honoured only on requests that carry SERVICE_API_KEY:
 * without it every website guest would share the site server's single rate-limit budget.
 */
export const GUEST_IP_HEADER = "x-palm-guest-ip";

/**
 * The guest's address the site forwarded on a service call (GUEST_IP_HEADER), in rate-limit form,
 * or undefined. Call only after the request's SERVICE_API_KEY was checked.
 */
export function forwardedGuestAddress(headers: Headers): string | undefined {
  const guest = headers.get(GUEST_IP_HEADER)?.trim();
  return guest && isIP(guest) ? rateLimitAddress(guest) : undefined;
}

/**
 * The client address used for rate limiting, or null when this server cannot tell (then nothing
 * is keyed on it: there is no shared "unknown" bucket; production refuses to start that way,
 * see lib/server/start-up-checks.ts). Only sources a client cannot forge on a direct connection count: the platform header named by TRUSTED_IP_HEADER (Vercel overwrites
 * x-forwarded-for at its edge, so it is trusted there by default), else the socket address our
 * own server stamps on every request. A plain X-Forwarded-For is ignored otherwise.
 *
 * From a list-valued trusted header the LAST entry is taken: Vercel's header holds one address,
 * and a proxy that appends (nginx's $proxy_add_x_forwarded_for) puts the peer it saw last,
 * after anything the client wrote itself.
 */
export function clientIp(headers: Headers, options: { authenticatedService?: boolean } = {}): string | null {
  if (options.authenticatedService) {
    const guest = headers.get(GUEST_IP_HEADER)?.trim();
    if (guest && isIP(guest)) return rateLimitAddress(guest);
  }
  const trusted = env.TRUSTED_IP_HEADER ?? (process.env.VERCEL ? "x-forwarded-for" : undefined);
  if (trusted) {
    const value = headers.get(trusted)?.split(",").at(-1)?.trim();
    if (value) return rateLimitAddress(value);
  }
  const socket = headers.get(SOCKET_IP_HEADER);
  return socket && isStamped(headers) ? rateLimitAddress(socket) : null;
}

function isStamped(headers: Headers): boolean {
  const secret = env.PALM_SOCKET_STAMP;
  const given = headers.get(SOCKET_STAMP_HEADER);
  return Boolean(secret && given && safeEqual(given, secret));
}

/**
 * The form of an address a limit is keyed on: IPv4-mapped IPv6 as plain IPv4, and IPv6 by its
 * /64 network, because one subscriber usually holds a whole /64 and could otherwise rotate
 * through it to dodge the limit.
 */
export function rateLimitAddress(raw: string): string {
  const ip = raw.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const groups = (part: string) => (part ? part.split(":").flatMap((g) => (g.includes(".") ? ["0", "0"] : [g])) : []);
  const [head = "", tail] = ip.split("::");
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return `${all.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}
