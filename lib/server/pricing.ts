import "server-only";
import type { UnitType } from "@prisma/client";
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
import { findActiveUnit, loadCatalog, planOf, policyOf } from "@/lib/server/catalog/catalog";
import { prisma, type Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { unitNotFound } from "@/lib/server/units/unit-ref";

// The server side of pricing: takes the unit's effective rate plan, the seasons and the fees from
// the in-process catalog (one version-check statement whatever the stay), hands them to the pure priceStay, and turns its errors into
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
  const inputs = await loadPricingInputs(db, unitId);
  if (!inputs) throw unitNotFound();
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
 * every season, every fee and its cancellation policy, from the in-process catalog: one
 * statement per quote, a version check unless the owner changed something
 * (lib/server/catalog/catalog.ts). Seasons and fees keep the order priceStay's "first listed
 * wins a tie" and the line items rely on.
 */
async function loadPricingInputs(db: Db, unitRef: string): Promise<PricingInputs | null> {
  const catalog = await loadCatalog(db);
  const unit = findActiveUnit(catalog, unitRef);
  if (!unit) return null;
  return {
    unit: { id: unit.id, slug: unit.slug, name: unit.name },
    plan: planOf(catalog, unit),
    seasons: catalog.seasons,
    fees: catalog.fees,
    cancellationPolicy: policyOf(catalog, unit),
  };
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
