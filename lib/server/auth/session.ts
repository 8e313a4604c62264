import "server-only";
import { createHash } from "node:crypto";
import type { AdminRole } from "@prisma/client";
import { now as clockNow } from "@/lib/clock";
import { prisma } from "@/lib/server/db/client";
import { forbidden, signInRequired } from "@/lib/server/errors";

// Who is signed in to the owner console. Sessions are Auth.js database sessions; reading them
// here (one indexed query on the session token) instead of through Auth.js lets route handlers,
// server components and tests share one check that needs no Next.js request context.

/** The cookie Auth.js sets: the __Secure- form over https, the plain one on http (dev, tests). */
export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

export interface AdminUser {
  id: string;
  email: string;
  name: string | null;
  role: AdminRole;
}

/** The signed-in console user for a session token, or null (unknown, expired or disabled). */
export async function findAdminBySessionToken(token: string | undefined, options: { now?: Date } = {}): Promise<AdminUser | null> {
  if (!token || token.length > 200) return null;
  const session = await prisma.session.findUnique({
    where: { sessionToken: token },
    select: { expires: true, user: { select: { id: true, email: true, name: true, role: true, disabled: true } } },
  });
  if (!session || session.expires <= (options.now ?? clockNow()) || session.user.disabled) return null;
  const { disabled: _disabled, ...user } = session.user;
  return user;
}

/** The session token in a Cookie header, if any. */
export function sessionTokenFromCookieHeader(header: string | null): string | undefined {
  if (!header) return undefined;
  const cookies = new Map<string, string>();
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
  }
  for (const name of SESSION_COOKIES) {
    const value = cookies.get(name);
    if (value) return value;
  }
  return undefined;
}

/** Throws 401 without a console session, 403 when an owner-only action is asked of staff. */
export function assertRole(user: AdminUser | null, needed: AdminRole): AdminUser {
  if (!user) throw signInRequired();
  if (needed === "OWNER" && user.role !== "OWNER") throw forbidden("Only the owner can do this.");
  return user;
}

/** A stable, non-reversible identity for rate limiting sign-in attempts by email. */
export function emailKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 24);
}
