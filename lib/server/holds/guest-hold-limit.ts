import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import { Prisma } from "@prisma/client";
import type { Db } from "@/lib/server/db/client";
import { queryRows } from "@/lib/server/db/read-pool";
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

/** Who a guest is for the limit: their email and/or the keyed digest of their address. */
export interface GuestIdentity {
  email?: string;
  guestKey: string | null;
  /** A hold not to count (the one being checked out). */
  excludeHoldId?: string;
}

/**
 * The live unpaid holds of the guest (matched by email or by address key), soonest expiry first,
 * at most HOLDS_PER_GUEST_MAX of them: one column, "expiresInS" (whole seconds left, at least 1).
 * Null when the guest gave neither, so there is nothing to count.
 */
export function guestLiveHoldsSql(guest: GuestIdentity, now: Date): Prisma.Sql | null {
  const who = [
    ...(guest.email ? [Prisma.sql`h."customerId" IN (SELECT id FROM "Customer" WHERE email = ${guest.email.toLowerCase()})`] : []),
    ...(guest.guestKey ? [Prisma.sql`h."guestKey" = ${guest.guestKey}`] : []),
  ];
  if (who.length === 0) return null;
  return Prisma.sql`
    SELECT greatest(1, ceil(extract(epoch FROM h."expiresAt" - ${now}::timestamp)))::int AS "expiresInS"
      FROM "Hold" h
     WHERE h.status = 'ACTIVE' AND h."expiresAt" > ${now} AND (${Prisma.join(who, " OR ")})
       ${guest.excludeHoldId ? Prisma.sql`AND h.id <> ${guest.excludeHoldId}` : Prisma.empty}
     ORDER BY h."expiresAt"
     LIMIT ${env.HOLDS_PER_GUEST_MAX}`;
}

/**
 * Throws 429 when a guest with `live` live holds (the count guestLiveHoldsSql found) already has the
 * maximum; `soonestExpiresInS` is when the first of them lapses, the Retry-After.
 */
export function checkGuestHoldLimit(live: number, soonestExpiresInS: number | null): void {
  const limit = env.HOLDS_PER_GUEST_MAX;
  if (live < limit) return;
  throw holdLimitReached(limit, soonestExpiresInS ?? 1);
}

/** Throws 429 when the guest (by email or by address key) already has the maximum of live holds. */
export async function enforceGuestHoldLimit(db: Db, guest: GuestIdentity, now: Date): Promise<void> {
  const sql = guestLiveHoldsSql(guest, now);
  if (!sql) return;
  const live = await queryRows<{ expiresInS: number }>(db, sql);
  checkGuestHoldLimit(live.length, live[0]?.expiresInS ?? null);
}
