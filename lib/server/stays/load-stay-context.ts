import "server-only";
import { Prisma, type UnitType } from "@prisma/client";
import { minutesIntoDayIn, todayIn, type IsoDate } from "@/lib/dates";
import { env } from "@/lib/env";
import type { StayContext } from "@/lib/rules/evaluate-stay";
import { blockingStaysSql } from "@/lib/server/availability/find-blocking-stays";
import { prisma, type Db } from "@/lib/server/db/client";
import { queryRows } from "@/lib/server/db/read-pool";

/** How far either side of a stay alternatives look (issue #13: within 14 days). */
export const ALTERNATIVE_SHIFT_DAYS = 14;

export interface LoadStayContextOptions {
  /** Resolve this unit (id or slug; an exact id wins) as the context's target. */
  unitRef?: string;
  /** Only units of this type (search); otherwise every active unit, for alternatives. */
  type?: UnitType;
  /** The stays to be judged lie within [start, end) (plus shifts of up to ALTERNATIVE_SHIFT_DAYS). */
  start: IsoDate;
  end: IsoDate;
  now: Date;
  /** Load the other units' stays too (default true); without them no alternatives can be found. */
  otherUnitsStays?: boolean;
}

/**
 * Everything a stay is judged by, in ONE round trip: the active units with their effective rate
 * plans, seasons, fees, taxes, stay rules, and every stay that blocks nights near [start, end).
 * The window is widened by the longest minimum stay and the turnover limit as well as the
 * alternatives' shift, so a free gap shorter than any minimum is always seen whole.
 */
export async function loadStayContext(
  options: LoadStayContextOptions,
  db: Db = prisma,
): Promise<{ targetId: string | null; context: StayContext; cancellationPolicy: unknown }> {
  const ref = options.unitRef ?? "";
  const typeFilter = options.type ? Prisma.sql`AND type = ${options.type}::"UnitType"` : Prisma.empty;
  const pad = Prisma.sql`(SELECT coalesce(max("minNights"), 1) FROM "StayRule") + ${ALTERNATIVE_SHIFT_DAYS + 15}`;
  const unitsWithStays =
    options.otherUnitsStays === false && options.unitRef
      ? Prisma.sql`"unitId" IN (SELECT id FROM units WHERE id = ${ref} OR slug = ${ref.toLowerCase()})`
      : Prisma.sql`"unitId" IN (SELECT id FROM units)`;
  const stays = blockingStaysSql(unitsWithStays, {
    start: options.start,
    end: options.end,
    now: options.now,
    padDays: pad,
  });
  // Through pg on the shared client (lib/server/db/read-pool.ts, issue #19), in the caller's transaction otherwise.
  const [row] = await queryRows<{ targetId: string | null; cancellationPolicy: unknown } & Omit<StayContext, "today" | "minutesIntoDay">>(
    db,
    Prisma.sql`
    WITH units AS (
      SELECT id, slug, name, type, capacity, "petFriendly", "turnoverDays", photos FROM "Unit" WHERE active ${typeFilter}
    ), target AS (
      SELECT id, type FROM units WHERE id = ${ref} OR slug = ${ref.toLowerCase()} ORDER BY (id = ${ref}) DESC LIMIT 1
    )
    SELECT
      (SELECT id FROM target) AS "targetId",
      -- The target unit's effective cancellation policy (#14): unit, else category, else default.
      (SELECT json_build_object('name', c.name, 'tiers', c.tiers, 'refundFeesBeforeArrival', c."refundFeesBeforeArrival",
                                'graceHours', c."graceHours", 'graceMinDaysBefore', c."graceMinDaysBefore")
         FROM target JOIN "CancellationPolicy" c
           ON c."unitId" = target.id OR c.category = target.type OR (c."unitId" IS NULL AND c.category IS NULL)
        ORDER BY (c."unitId" IS NOT NULL) DESC, (c.category IS NOT NULL) DESC
        LIMIT 1) AS "cancellationPolicy",
      (SELECT coalesce(json_agg(json_build_object(
                'id', u.id, 'slug', u.slug, 'name', u.name, 'type', u.type, 'capacity', u.capacity,
                'petFriendly', u."petFriendly", 'turnoverDays', u."turnoverDays", 'photo', u.photos[1],
                'plan', (SELECT json_build_object('nightly', p.nightly, 'weekly', p.weekly, 'monthly', p.monthly,
                                                  'fourMonth', p."fourMonth", 'currency', p.currency)
                           FROM "RatePlan" p WHERE p."unitId" = u.id OR p.category = u.type
                          ORDER BY (p."unitId" IS NOT NULL) DESC LIMIT 1))
              ORDER BY u.name, u.id), '[]'::json) FROM units u) AS units,
      (SELECT coalesce(json_agg(json_build_object('name', name, 'startDate', "startDate", 'endDate', "endDate",
                                                  'discountPct', "discountPct", 'recursAnnually', "recursAnnually")
                                ORDER BY "startDate", name), '[]'::json)
         FROM "Season") AS seasons,
      (SELECT coalesce(json_agg(json_build_object('name', name, 'amount', amount, 'perStay', "perStay", 'appliesTo', "appliesTo")
                                ORDER BY "createdAt", name), '[]'::json)
         FROM "Fee") AS fees,
      (SELECT coalesce(json_agg(json_build_object('name', name, 'rateBps', "rateBps", 'appliesToNightly', "appliesToNightly",
                                                  'appliesToFees', "appliesToFees", 'maxStayNights', "maxStayNights",
                                                  'effectiveFrom', "effectiveFrom", 'effectiveTo', "effectiveTo")
                                ORDER BY "createdAt", code), '[]'::json)
         FROM "Tax") AS taxes,
      (SELECT coalesce(json_agg(json_build_object('unitId', "unitId", 'category', category, 'startDate', "startDate",
                                                  'endDate', "endDate", 'recursAnnually', "recursAnnually",
                                                  'minNights', "minNights", 'maxNights', "maxNights",
                                                  'checkInWeekdays', "checkInWeekdays",
                                                  'bookingHorizonMonths', "bookingHorizonMonths",
                                                  'sameDayCutoffHour', "sameDayCutoffHour")
                                ORDER BY "createdAt", name), '[]'::json)
         FROM "StayRule") AS rules,
      (SELECT coalesce(json_agg(json_build_object('unitId', s."unitId", 'start', s.start, 'end', s."end",
                                                  'turnoverDays', s."turnoverDays", 'kind', s.kind, 'id', s.id)
                                ORDER BY s.start, s.kind), '[]'::json)
         FROM (${stays}) s) AS stays`);
  if (!row) throw new Error("stay context query returned no row");
  return {
    targetId: row.targetId,
    cancellationPolicy: row.cancellationPolicy,
    context: {
      units: row.units,
      seasons: row.seasons,
      fees: row.fees,
      taxes: row.taxes,
      rules: row.rules,
      stays: row.stays,
      // "Today" is the property's date, not the server's: at 9 pm in Florida it is already tomorrow in UTC.
      today: todayIn(env.PROPERTY_TIMEZONE, options.now),
      minutesIntoDay: minutesIntoDayIn(env.PROPERTY_TIMEZONE, options.now),
    },
  };
}
