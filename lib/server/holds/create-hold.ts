import "server-only";
import { addDays, daysBetween, type IsoDate } from "@/lib/dates";
import { now as clockNow } from "@/lib/clock";
import { env } from "@/lib/env";
import type { CustomerInput } from "@/lib/api/schemas/common";
import { expireStaleHolds } from "@/lib/server/holds/expire-stale-holds";
import { lockUnit } from "@/lib/server/db/lock-unit";
import { withUnitGate } from "@/lib/server/db/unit-gate";
import { cancelExpiredIntents } from "@/lib/server/payments/cancel-expired-intents";
import { checkGuestHoldLimit, guestKeyOf } from "@/lib/server/holds/guest-hold-limit";
import { insertHoldSql, placementCheckSql, type PlacementCheck } from "@/lib/server/holds/hold-statements";
import { newId } from "@/lib/server/db/ids";
import { withPgSerializable } from "@/lib/server/db/pg-transaction";
import { queryOn } from "@/lib/server/db/read-pool";
import { withSerializableRetry } from "@/lib/server/db/with-serializable-retry";
import { isConflictError, isOverlapError } from "@/lib/server/db/errors";
import { AppError, conflict, stayRefused } from "@/lib/server/errors";
import { computeQuote } from "@/lib/server/pricing";

export const HOLD_TTL_DEFAULT_MINUTES = 15;
export const HOLD_TTL_MIN_MINUTES = 1;
export const HOLD_TTL_MAX_MINUTES = 60;

export interface CreateHoldOptions {
  /** The unit's id or slug. */
  unitId: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
  guests: number;
  pets?: number;
  ttlMinutes?: number;
  customer?: CustomerInput;
  now?: Date;
  /** The guest's client address as the site forwarded it, for the per-guest hold limit. */
  guestAddress?: string;
}

export interface CreatedHold {
  holdId: string;
  expiresAt: Date;
  unitId: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
  guests: number;
  pets: number;
}

/**
 * A stay longer than LONG_STAY_NIGHTS is held for at most LONG_STAY_HOLD_TTL_MINUTES: long
 * stays block the most nights, so an unpaid one lapses soonest (docs/decisions.md).
 */
export function holdTtlMinutes(requested: number, nights: number): number {
  return nights > env.LONG_STAY_NIGHTS ? Math.min(requested, env.LONG_STAY_HOLD_TTL_MINUTES) : requested;
}

export function unavailable(): AppError {
  return stayRefused({ rule: "UNAVAILABLE" });
}

/**
 * Places a hold on a unit's nights [checkIn, checkOut) for ttlMinutes. Availability is checked and
 * the hold inserted in one SERIALIZABLE transaction behind the unit's advisory lock (two
 * statements, hold-statements.ts); an overlap found by the check or raised by the EXCLUDE
 * constraint is UNAVAILABLE (409), never a 500.
 */
export async function createHold(options: CreateHoldOptions): Promise<CreatedHold> {
  const { checkIn, checkOut } = options;
  const ttlMinutes = options.ttlMinutes ?? HOLD_TTL_DEFAULT_MINUTES;
  if (!Number.isInteger(ttlMinutes) || ttlMinutes < HOLD_TTL_MIN_MINUTES || ttlMinutes > HOLD_TTL_MAX_MINUTES) {
    throw new AppError("VALIDATION_FAILED", "The request is not valid; see issues.", {
      issues: [{ path: "ttlMinutes", message: `ttlMinutes must be a whole number from ${HOLD_TTL_MIN_MINUTES} to ${HOLD_TTL_MAX_MINUTES}.` }],
    });
  }
  const pets = options.pets ?? 0;
  const party = { guests: options.guests, pets };

  // Judged and priced before the transaction and outside the lock: resolves the unit (id or slug,
  // 404 when unknown) and refuses, with the rule and alternatives, a stay the rules, the party or
  // taken nights do not allow, or that could never be paid for (422), without holding its nights.
  const quote = await computeQuote({ unitId: options.unitId, checkIn, checkOut, ...party, now: options.now });
  const unitId = quote.unit.id;
  const turnoverDays = quote.turnoverDays;
  const ttl = holdTtlMinutes(ttlMinutes, daysBetween(checkIn, checkOut));
  const guestKey = guestKeyOf(options.guestAddress);

  const expiredHere: string[] = [];
  try {
    const taken: [IsoDate, IsoDate] = [checkIn, addDays(checkOut, turnoverDays)];
    return await withUnitGate(unitId, async (ticket) => {
      // In a burst on one stay the writers queue here; once one has taken these nights, the rest
      // are refused from what the gate saw commit, without a connection, a lock or a transaction.
      if (ticket.overlapsTaken(...taken)) throw unavailable();
      const customer = options.customer ? { ...options.customer, id: newId() } : undefined;
      for (let pass = 1; ; pass++) {
        const placed = await withPgSerializable(async (client): Promise<CreatedHold | { staleAt: Date }> => {
          const now = options.now ?? clockNow();
          const [check] = await queryOn<PlacementCheck>(
            client,
            placementCheckSql({ unitId, checkIn, checkOut, turnoverDays, now, guest: { email: options.customer?.email, guestKey } }),
          );
          // A stale ACTIVE hold would still trip the EXCLUDE constraint (it only knows status).
          if (check!.stale) return { staleAt: now };
          if (check!.blocked) throw unavailable();
          checkGuestHoldLimit(check!.guestLive, check!.guestSoonestS);
          const expiresAt = new Date(now.getTime() + ttl * 60_000);
          const [row] = await queryOn<{ id: string }>(
            client,
            insertHoldSql({ id: newId(), unitId, checkIn, checkOut, expiresAt, ...party, turnoverDays, guestKey, customer, writtenAt: new Date() }),
          );
          return { holdId: row!.id, expiresAt, unitId, checkIn, checkOut, ...party };
        }, {
          // Two first holds by one new guest (same email) at once: the customer insert of one loses
          // a unique race; a fresh try finds the row. Overlaps are answered below, not retried.
          retryIf: (error) => isConflictError(error) && !isOverlapError(error),
        });
        if (!("staleAt" in placed)) {
          ticket.recordTaken(...taken);
          return placed;
        }
        // Only holds lapsing between two passes could bring a third: the unit is not settling.
        if (pass >= 3) throw conflict();
        // The unit's holds past expiresAt are expired here rather than waiting for the cron (in
        // the same transaction as their guests' notices), then the hold is placed afresh.
        expiredHere.push(...(await expireUnitHolds(unitId, placed.staleAt)));
      }
    });
  } catch (error) {
    // The constraint is the last word when the check read a snapshot older than the winner.
    if (isOverlapError(error) || (error instanceof AppError && error.code === "UNAVAILABLE")) {
      throw await unavailableWithAlternatives(options, party);
    }
    throw error;
  } finally {
    // After the transaction, never inside it, and not awaited: the guest placing this hold does
    // not wait for Stripe. A failure is logged and retried by the expire-holds job.
    if (expiredHere.length > 0) void cancelExpiredIntents({ holdIds: expiredHere }).catch(() => undefined);
  }
}

/** Expires the unit's ACTIVE holds past expiresAt behind its lock; returns their ids. */
async function expireUnitHolds(unitId: string, now: Date): Promise<string[]> {
  return withSerializableRetry(async (tx) => {
    await lockUnit(tx, unitId);
    return expireStaleHolds(tx, { unitId, now });
  });
}

/**
 * The UNAVAILABLE refusal with what would work instead: re-judging the stay now that the winner's
 * nights are visible throws exactly that refusal, alternatives included.
 */
async function unavailableWithAlternatives(options: CreateHoldOptions, party: { guests: number; pets: number }): Promise<AppError> {
  try {
    await computeQuote({ unitId: options.unitId, checkIn: options.checkIn, checkOut: options.checkOut, ...party, now: options.now });
  } catch (error) {
    if (error instanceof AppError && error.details) return error;
  }
  return unavailable();
}
