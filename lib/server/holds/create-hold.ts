import "server-only";
import { now as clockNow } from "@/lib/clock";
import { daysBetween, todayIn, toDbDate, type IsoDate } from "@/lib/dates";
import { env } from "@/lib/env";
import type { CustomerInput } from "@/lib/api/schemas/common";
import { findBlockingStays } from "@/lib/server/availability/find-blocking-stays";
import { guestSnapshot, upsertCustomer } from "@/lib/server/customers/upsert-customer";
import { expireStaleHolds } from "@/lib/server/holds/expire-stale-holds";
import { prisma } from "@/lib/server/db/client";
import { lockUnit } from "@/lib/server/db/lock-unit";
import { withUnitGate } from "@/lib/server/db/unit-gate";
import { cancelExpiredIntents } from "@/lib/server/payments/cancel-expired-intents";
import { enforceGuestHoldLimit, guestKeyOf } from "@/lib/server/holds/guest-hold-limit";
import { withSerializableRetry } from "@/lib/server/db/with-serializable-retry";
import { isConflictError, isOverlapError } from "@/lib/server/db/errors";
import { checkInInPast, staysUnavailable, validation, AppError } from "@/lib/server/errors";
import { computeQuote } from "@/lib/server/pricing";

export const HOLD_TTL_DEFAULT_MINUTES = 15;
export const HOLD_TTL_MIN_MINUTES = 1;
export const HOLD_TTL_MAX_MINUTES = 60;

export interface CreateHoldOptions {
  /** The unit's id or slug. */
  unitId: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
  ttlMinutes?: number;
  customer?: CustomerInput;
  /** The guest's client address as the site forwarded it, for the per-guest hold limit. */
  guestAddress?: string;
  /** The current instant (tests); default: the app clock, read again after the unit lock. */
  now?: Date;
}

export interface CreatedHold {
  holdId: string;
  expiresAt: Date;
  unitId: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
}

/**
 * A stay longer than LONG_STAY_NIGHTS is held for at most LONG_STAY_HOLD_TTL_MINUTES: long
 * stays block the most nights, so an unpaid one lapses soonest (docs/decisions.md).
 */
export function holdTtlMinutes(requested: number, nights: number): number {
  return nights > env.LONG_STAY_NIGHTS ? Math.min(requested, env.LONG_STAY_HOLD_TTL_MINUTES) : requested;
}

export function unavailable(): AppError {
  return new AppError("UNAVAILABLE", "Those dates are no longer available.");
}

/**
 * Places a hold on a unit's nights [checkIn, checkOut) for ttlMinutes. Availability is checked and
 * the hold inserted in one SERIALIZABLE transaction behind the unit's advisory lock; an overlap
 * found by the check or raised by the EXCLUDE constraint is UNAVAILABLE (409), never a 500.
 */
export async function createHold(options: CreateHoldOptions): Promise<CreatedHold> {
  const { checkIn, checkOut } = options;
  const ttlMinutes = options.ttlMinutes ?? HOLD_TTL_DEFAULT_MINUTES;
  if (!Number.isInteger(ttlMinutes) || ttlMinutes < HOLD_TTL_MIN_MINUTES || ttlMinutes > HOLD_TTL_MAX_MINUTES) {
    throw validation("ttlMinutes", `ttlMinutes must be a whole number from ${HOLD_TTL_MIN_MINUTES} to ${HOLD_TTL_MAX_MINUTES}.`);
  }
  if (daysBetween(todayIn(env.PROPERTY_TIMEZONE, options.now ?? clockNow()), checkIn) < 0) {
    throw checkInInPast();
  }

  // Priced before the transaction and outside the lock: resolves the unit (id or slug, 404 when
  // unknown) and refuses a stay that could never be paid for (422) without holding its nights.
  const quote = await computeQuote({ unitId: options.unitId, checkIn, checkOut });
  const unitId = quote.unit.id;
  const ttl = holdTtlMinutes(ttlMinutes, daysBetween(checkIn, checkOut));
  const guestKey = guestKeyOf(options.guestAddress);

  // One statement outside the gate and any transaction: nights a committed, live hold or booking
  // already covers are refused at once, the answer the transaction would give. In a burst on one
  // stay, every request that arrives after the winner commits is answered here instead of
  // queueing for the unit's lock (issue #19: the race settles within a second). A free answer
  // proves nothing: the locked check and the EXCLUDE constraint below still decide.
  if ((await findBlockingStays(prisma, { unitId, start: checkIn, end: checkOut, now: options.now ?? clockNow() })).length > 0) {
    throw staysUnavailable();
  }

  const expiredHere: string[] = [];
  try {
    return await withUnitGate(unitId, () => withSerializableRetry(async (tx) => {
      await lockUnit(tx, unitId);
      // Read after the lock: a request that waited behind another one gets a full TTL.
      const now = options.now ?? clockNow();
      // A stale ACTIVE hold would still trip the EXCLUDE constraint (it only knows status), so
      // the unit's holds past expiresAt are expired here rather than waiting for the cron.
      const expired = await expireStaleHolds(tx, { unitId, now });
      expiredHere.splice(0, expiredHere.length, ...expired);
      const blocking = await findBlockingStays(tx, { unitId, start: checkIn, end: checkOut, now });
      if (blocking.length > 0) throw staysUnavailable();

      await enforceGuestHoldLimit(tx, { email: options.customer?.email, guestKey }, now);

      const customerId = options.customer ? (await upsertCustomer(tx, options.customer)).id : null;
      const hold = await tx.hold.create({
        data: {
          unitId,
          checkIn: toDbDate(checkIn),
          checkOut: toDbDate(checkOut),
          expiresAt: new Date(now.getTime() + ttl * 60_000),
          customerId,
          guestKey,
          ...(options.customer ? guestSnapshot(options.customer) : {}),
        },
        select: { id: true, expiresAt: true },
      });
      return { holdId: hold.id, expiresAt: hold.expiresAt, unitId, checkIn, checkOut };
    }, {
      // Two first holds by one new guest (same email) at once: the customer insert of one loses
      // a unique race; a fresh try finds the row. Overlaps are answered below, not retried.
      retryIf: (error) => isConflictError(error) && !isOverlapError(error),
    }));
  } catch (error) {
    // The constraint is the last word when the check read a snapshot older than the winner.
    if (isOverlapError(error)) throw staysUnavailable();
    throw error;
  } finally {
    // After the transaction, never inside it, and not awaited: the guest placing this hold does
    // not wait for Stripe. A failure is logged and retried by the expire-holds job.
    if (expiredHere.length > 0) void cancelExpiredIntents({ holdIds: expiredHere }).catch(() => undefined);
  }
}
