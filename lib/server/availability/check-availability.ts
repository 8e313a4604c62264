import "server-only";
import type { PrismaClient } from "@prisma/client";
import { todayIn, type IsoDate } from "@/lib/dates";
import { env } from "@/lib/env";
import { prisma, type Tx } from "@/lib/server/db";
import { activeUnitWhere, pickUnit } from "@/lib/server/units/unit-ref";
import { findBlockingStays, type BlockingStay } from "./find-blocking-stays";

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
 * Whether every night of [start, end) of one active unit is free. Two queries whatever the span
 * or number of stays: the unit, then every blocking stay in one go. Live holds block; holds past
 * expiresAt and cancelled bookings never do (see findBlockingStays).
 */
export async function checkAvailability(
  options: { unitRef: string; start: IsoDate; end: IsoDate; now?: Date },
  db: PrismaClient | Tx = prisma,
): Promise<AvailabilityResult> {
  const now = options.now ?? new Date();
  const units = await db.unit.findMany({ where: activeUnitWhere(options.unitRef), take: 2, select: { id: true } });
  const unit = pickUnit(units, options.unitRef);
  const unavailable = await findBlockingStays(db, { unitId: unit.id, start: options.start, end: options.end, now });

  // "Today" is the property's date, not the server's: at 9 pm in Florida it is already tomorrow in UTC.
  const reason =
    options.start < todayIn(env.PROPERTY_TIMEZONE, now) ? REASON_PAST : unavailable.length > 0 ? REASON_TAKEN : undefined;
  return {
    unitId: unit.id,
    start: options.start,
    end: options.end,
    isAvailable: reason === undefined,
    ...(reason ? { reason } : {}),
    unavailable,
  };
}
