import "server-only";
import type { PrismaClient } from "@prisma/client";
import { now as clockNow } from "@/lib/clock";
import { todayIn, type IsoDate } from "@/lib/dates";
import { env } from "@/lib/env";
import { prisma, type Tx } from "@/lib/server/db/client";
import { unknownUnit } from "@/lib/server/errors";
import { findUnitAndBlockingStays, type BlockingStay } from "./find-blocking-stays";

export interface AvailabilityResult {
  /** The unit's real id, whether the caller named it by id or slug. */
  unitId: string;
  start: IsoDate;
  end: IsoDate;
  isAvailable: boolean;
  reason?: string;
  /** Booked or held stays sharing at least one night with [start, end). */
  unavailable: BlockingStay[];
}

export const REASON_PAST = "Dates in the past cannot be booked.";
export const REASON_TAKEN = "Some nights in this range are already booked or held.";

/**
 * Whether every night of [start, end) of one active unit is free. One query whatever the span or
 * number of stays: the unit and every blocking stay together. Live holds block; holds past
 * expiresAt and cancelled bookings never do (see find-blocking-stays.ts).
 */
export async function checkAvailability(
  options: { unitRef: string; start: IsoDate; end: IsoDate; now?: Date },
  db: PrismaClient | Tx = prisma,
): Promise<AvailabilityResult> {
  const now = options.now ?? clockNow();
  const found = await findUnitAndBlockingStays(db, { unitRef: options.unitRef, start: options.start, end: options.end, now });
  if (!found) throw unknownUnit();
  const unavailable = found.stays;

  // "Today" is the property's date, not the server's: at 9 pm in Florida it is already tomorrow in UTC.
  const reason =
    options.start < todayIn(env.PROPERTY_TIMEZONE, now) ? REASON_PAST : unavailable.length > 0 ? REASON_TAKEN : undefined;
  return {
    unitId: found.unitId,
    start: options.start,
    end: options.end,
    isAvailable: reason === undefined,
    ...(reason ? { reason } : {}),
    unavailable,
  };
}
