import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";

// One guest cannot hoard the property: a few requests used to hold every unit for 365 nights
// (OWASP API6). A guest, known by email and by the client address the site forwards, may have
// at most HOLDS_PER_GUEST_MAX live unpaid holds across all units. Counted inside the hold's
// SERIALIZABLE transaction, so two holds raced on different units cannot both slip under it.

/** A keyed digest of a client address: the hold can be counted by it without storing it. */
export function guestKeyOf(address: string | undefined): string | null {
  if (!address) return null;
  return createHmac("sha256", env.SERVICE_API_KEY).update(`guest-address:${address}`).digest("hex").slice(0, 32);
}

export function holdLimitReached(limit: number, retryAfterSeconds: number): AppError {
  return new AppError(
    "RATE_LIMITED",
    `You already have ${limit} unpaid holds. Pay for one, or wait for one to lapse, before holding more dates.`,
    { headers: { "Retry-After": String(retryAfterSeconds) }, details: { rule: "holds_per_guest", limit } },
  );
}

/** Throws 429 when the guest (by email or by address key) already has the maximum of live holds. */
export async function enforceGuestHoldLimit(
  tx: Db,
  guest: { email?: string; guestKey: string | null; excludeHoldId?: string },
  now: Date,
): Promise<void> {
  const who = [
    ...(guest.email ? [{ customer: { email: guest.email.toLowerCase() } }] : []),
    ...(guest.guestKey ? [{ guestKey: guest.guestKey }] : []),
  ];
  if (who.length === 0) return;
  const limit = env.HOLDS_PER_GUEST_MAX;
  const live = await tx.hold.findMany({
    where: { status: "ACTIVE", expiresAt: { gt: now }, OR: who, ...(guest.excludeHoldId ? { id: { not: guest.excludeHoldId } } : {}) },
    select: { expiresAt: true },
    orderBy: { expiresAt: "asc" },
    take: limit,
  });
  if (live.length < limit) return;
  const soonest = live[0]!.expiresAt.getTime();
  throw holdLimitReached(limit, Math.max(1, Math.ceil((soonest - now.getTime()) / 1000)));
}
