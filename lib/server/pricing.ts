import "server-only";
import { Prisma } from "@prisma/client";
import { daysBetween, type IsoDate } from "@/lib/dates";
import {
  PricingError,
  TIER_NIGHTS,
  priceStay,
  type FeeData,
  type Quote,
  type RatePlanData,
  type SeasonData,
} from "@/lib/pricing/price-stay";
import { prisma, type Db } from "@/lib/server/db/client";
import { activeUnitSql, effectivePlanSql } from "@/lib/server/units/unit-ref";
import { noRatePlan, stayLengthNotOffered, unknownUnit, validation } from "@/lib/server/errors";

// The server side of pricing: loads the unit's effective rate plan, the seasons and the fees in
// one query whatever the stay, hands them to the pure priceStay, and turns its errors into
// guest-facing ones that reveal nothing about the plan.

export type { Db };

export interface ComputeQuoteOptions {
  /** The unit's id or slug. */
  unitId: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
}

export interface QuoteResult extends Quote {
  unit: { id: string; slug: string; name: string };
  checkIn: IsoDate;
  checkOut: IsoDate;
  /**
   * The unit's effective cancellation policy row (unit, else category, else default), loaded in
   * the same statement so the quote stays one round trip; null when no policy exists at all.
   * Parsed and applied by lib/server/cancellation/get-cancellation-terms.ts.
   */
  cancellationPolicyRow: unknown;
}

// The effective plan lives with the unit lookup; re-exported for existing importers.
export { effectivePlan, loadCategoryPlans, planSelect } from "@/lib/server/units/unit-ref";

/**
 * The "from" price per night shown in unit lists: the nightly rate when the plan offers one,
 * otherwise the cheapest per-night equivalent of the longer tiers, rounded up to the cent so the
 * advertised figure is never below what a night actually costs. Null without a plan or tiers.
 */
export function fromNightlyCents(plan: RatePlanData | null): number | null {
  if (!plan) return null;
  if (plan.nightly !== null) return plan.nightly;
  const perNight = (["weekly", "monthly", "fourMonth"] as const)
    .map((tier) => {
      const price = plan[tier];
      return price === null ? null : Math.ceil(price / TIER_NIGHTS[tier]);
    })
    .filter((cents): cents is number => cents !== null);
  return perNight.length > 0 ? Math.min(...perNight) : null;
}

/**
 * Prices a stay of one active unit. Throws AppError NOT_FOUND for an unknown or inactive unit,
 * UNPRICEABLE_STAY when the unit has no plan or its tiers cannot cover the nights exactly, and
 * VALIDATION_FAILED for an impossible stay. Pass a transaction client to price inside it (checkout).
 */
export async function computeQuote(options: ComputeQuoteOptions, db: Db = prisma): Promise<QuoteResult> {
  const { unitId, checkIn, checkOut } = options;
  const inputs = await loadPricingInputs(db, unitId);
  if (!inputs) throw unknownUnit();
  const { unit, plan, seasons, fees, cancellationPolicy } = inputs;

  let quote: Quote;
  try {
    quote = priceStay({
      plan,
      seasons,
      fees,
      checkIn,
      checkOut,
    });
  } catch (error) {
    throw toAppError(error, daysBetween(checkIn, checkOut));
  }

  return { unit: { id: unit.id, slug: unit.slug, name: unit.name }, checkIn, checkOut, ...quote, cancellationPolicyRow: cancellationPolicy };
}

interface PricingInputs {
  unit: { id: string; slug: string; name: string };
  plan: RatePlanData | null;
  seasons: SeasonData[];
  fees: FeeData[];
  cancellationPolicy: unknown;
}

/**
 * The active unit named by id or slug with its effective plan (its own, else its category's),
 * every season and every fee, in ONE round trip: quote is a hot endpoint and each Prisma round
 * trip costs more server CPU than the SQL. DATE columns arrive from json as "YYYY-MM-DD".
 * Seasons and fees are ordered so priceStay's "first listed wins a tie" and the line items are stable.
 */
async function loadPricingInputs(db: Db, unitRef: string): Promise<PricingInputs | null> {
  const [row] = await db.$queryRaw<Array<{ unit: PricingInputs["unit"] | null } & Omit<PricingInputs, "unit">>>`
    WITH unit AS (${activeUnitSql(unitRef, Prisma.sql`id, slug, name, type`)})
    SELECT
      (SELECT json_build_object('id', id, 'slug', slug, 'name', name) FROM unit) AS unit,
      (SELECT json_build_object('nightly', p.nightly, 'weekly', p.weekly, 'monthly', p.monthly,
                                'fourMonth', p."fourMonth", 'currency', p.currency)
         FROM unit CROSS JOIN LATERAL (${effectivePlanSql(Prisma.sql`unit`)}) p) AS plan,
      (SELECT coalesce(json_agg(json_build_object('name', name, 'startDate', "startDate", 'endDate', "endDate",
                                                  'discountPct', "discountPct", 'recursAnnually', "recursAnnually")
                                ORDER BY "startDate", name), '[]'::json)
         FROM "Season") AS seasons,
      (SELECT coalesce(json_agg(json_build_object('name', name, 'amount', amount, 'perStay', "perStay")
                                ORDER BY "createdAt", name), '[]'::json)
         FROM "Fee") AS fees,
      (SELECT json_build_object('name', c.name, 'tiers', c.tiers, 'refundFeesBeforeArrival', c."refundFeesBeforeArrival",
                                'graceHours', c."graceHours", 'graceMinDaysBefore', c."graceMinDaysBefore")
         FROM unit JOIN "CancellationPolicy" c
           ON c."unitId" = unit.id OR c.category = unit.type OR (c."unitId" IS NULL AND c.category IS NULL)
        ORDER BY (c."unitId" IS NOT NULL) DESC, (c.category IS NOT NULL) DESC
        LIMIT 1) AS "cancellationPolicy"`;
  if (!row?.unit) return null;
  return { unit: row.unit, plan: row.plan, seasons: row.seasons, fees: row.fees, cancellationPolicy: row.cancellationPolicy };
}

// PricingError messages name tiers and plan details: they go to the log (as the cause), never to
// the caller, who gets a sentence a guest can act on.
function toAppError(error: unknown, nights: number): unknown {
  if (!(error instanceof PricingError)) return error;
  switch (error.code) {
    case "NO_RATE_PLAN":
      return noRatePlan(error);
    case "UNPRICEABLE_STAY":
      return stayLengthNotOffered(nights, error);
    case "INVALID_STAY":
      return validation("checkOut", "checkOut must be 1 to 365 nights after checkIn.", error);
  }
}
