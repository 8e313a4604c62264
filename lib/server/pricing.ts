import "server-only";
import type { PrismaClient, UnitType } from "@prisma/client";
import { daysBetween, fromDbDate, type IsoDate } from "@/lib/dates";
import { PricingError, TIER_NIGHTS, priceStay, type Quote, type RatePlanData } from "@/lib/pricing/price-stay";
import { prisma, type Tx } from "@/lib/server/db";
import { AppError } from "@/lib/server/errors";
import { activeUnitWhere, pickUnit } from "@/lib/server/units/unit-ref";

// The server side of pricing: loads the unit's effective rate plan, the seasons and the fees in
// a fixed number of queries (four, run together, whatever the stay), hands them to the pure
// priceStay, and turns its errors into guest-facing ones that reveal nothing about the plan.

export type Db = PrismaClient | Tx;

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
}

/** The columns of a RatePlan that pricing reads; never the ids, which stay internal. */
export const planSelect = {
  nightly: true,
  weekly: true,
  monthly: true,
  fourMonth: true,
  currency: true,
} as const;

type PlanRow = RatePlanData;

/**
 * Every category-wide plan, keyed by UnitType. There are at most four (category is unique), so
 * loading all of them costs one small query and never depends on how many units are involved.
 */
export async function loadCategoryPlans(db: Db = prisma): Promise<Map<UnitType, RatePlanData>> {
  const rows = await db.ratePlan.findMany({
    where: { category: { not: null } },
    select: { category: true, ...planSelect },
  });
  const plans = new Map<UnitType, RatePlanData>();
  for (const { category, ...plan } of rows) if (category) plans.set(category, plan);
  return plans;
}

/** The unit's own plan, else its category's plan, else null (the unit cannot be priced). */
export function effectivePlan(
  unit: { type: UnitType; ratePlans: PlanRow[] },
  categoryPlans: Map<UnitType, RatePlanData>,
): RatePlanData | null {
  return unit.ratePlans[0] ?? categoryPlans.get(unit.type) ?? null;
}

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
  const [units, categoryPlans, seasons, fees] = await Promise.all([
    db.unit.findMany({
      where: activeUnitWhere(unitId),
      take: 2,
      select: { id: true, slug: true, name: true, type: true, ratePlans: { select: planSelect } },
    }),
    loadCategoryPlans(db),
    // Ordered so the pure function's "first listed wins a tie" and the line items are stable.
    db.season.findMany({
      orderBy: [{ startDate: "asc" }, { name: "asc" }],
      select: { name: true, startDate: true, endDate: true, discountPct: true, recursAnnually: true },
    }),
    db.fee.findMany({
      orderBy: [{ createdAt: "asc" }, { name: "asc" }],
      select: { name: true, amount: true, perStay: true },
    }),
  ]);
  const unit = pickUnit(units, unitId);

  let quote: Quote;
  try {
    quote = priceStay({
      plan: effectivePlan(unit, categoryPlans),
      seasons: seasons.map((s) => ({ ...s, startDate: fromDbDate(s.startDate), endDate: fromDbDate(s.endDate) })),
      fees,
      checkIn,
      checkOut,
    });
  } catch (error) {
    throw toAppError(error, daysBetween(checkIn, checkOut));
  }

  return { unit: { id: unit.id, slug: unit.slug, name: unit.name }, checkIn, checkOut, ...quote };
}

// PricingError messages name tiers and plan details: they go to the log (as the cause), never to
// the caller, who gets a sentence a guest can act on.
function toAppError(error: unknown, nights: number): unknown {
  if (!(error instanceof PricingError)) return error;
  switch (error.code) {
    case "NO_RATE_PLAN":
      return new AppError("UNPRICEABLE_STAY", "This stay cannot be priced online; please contact us.", { cause: error });
    case "UNPRICEABLE_STAY":
      return new AppError(
        "UNPRICEABLE_STAY",
        `This unit is not offered for a stay of ${nights} night${nights === 1 ? "" : "s"}; please try other dates or contact us.`,
        { cause: error },
      );
    case "INVALID_STAY":
      return new AppError("VALIDATION_FAILED", "The request is not valid; see issues.", {
        issues: [{ path: "checkOut", message: "checkOut must be 1 to 365 nights after checkIn." }],
        cause: error,
      });
  }
}
