import { randomBytes } from "node:crypto";
import type { AdminRole } from "@prisma/client";
import { prisma } from "@/lib/server/db/client";

// A console user with a live database session, as Auth.js would leave after a sign-in link:
// returns the Cookie header a browser would send.
export async function signedIn(role: AdminRole, options: { email?: string; expires?: Date; disabled?: boolean } = {}) {
  const email = options.email ?? `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@palmairecourt.test`;
  const user = await prisma.user.create({ data: { email, role, disabled: options.disabled ?? false } });
  const sessionToken = randomBytes(32).toString("hex");
  await prisma.session.create({ data: { sessionToken, userId: user.id, expires: options.expires ?? new Date(Date.now() + 3_600_000) } });
  return { user, cookie: `next-auth.session-token=${sessionToken}` };
}
