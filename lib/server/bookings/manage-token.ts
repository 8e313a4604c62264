import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { prisma, type Db } from "@/lib/server/db/client";
import { now as clockNow } from "@/lib/clock";

// The secret of a manage-my-booking link (/bookings/manage/<token>): 32 random bytes, base64url.
// Only its sha256 is stored, so the table alone opens nothing; a token is valid until its
// expiry (a while after check-out) unless revoked.

/** How long after check-out a manage link keeps working (receipt, calendar file). */
export const MANAGE_TOKEN_DAYS_AFTER_CHECKOUT = 90;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashManageToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a token for the booking; returns the only copy of the secret. */
export async function issueManageToken(db: Db, options: { bookingId: string; checkOut: Date }): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(options.checkOut.getTime() + MANAGE_TOKEN_DAYS_AFTER_CHECKOUT * 86_400_000);
  await db.bookingManageToken.create({ data: { bookingId: options.bookingId, tokenHash: hashManageToken(token), expiresAt } });
  return token;
}

/** The booking a token opens, or null for a malformed, unknown, revoked or expired token. */
export async function bookingIdForManageToken(token: string, options: { now?: Date } = {}, db: Db = prisma): Promise<string | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const now = options.now ?? clockNow();
  const row = await db.bookingManageToken.findUnique({
    where: { tokenHash: hashManageToken(token) },
    select: { bookingId: true, expiresAt: true, revokedAt: true },
  });
  if (!row || row.revokedAt || row.expiresAt <= now) return null;
  return row.bookingId;
}

/** Revokes every manage link of a booking (e.g. a guest reports a forwarded email). */
export async function revokeManageTokens(bookingId: string, options: { now?: Date } = {}, db: Db = prisma): Promise<number> {
  const result = await db.bookingManageToken.updateMany({
    where: { bookingId, revokedAt: null },
    data: { revokedAt: options.now ?? clockNow() },
  });
  return result.count;
}

/** The guest's link to a manage token's page. */
export function manageUrl(token: string): string {
  return new URL(`/bookings/manage/${token}`, env.ORIGIN).toString();
}
