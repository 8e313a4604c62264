import "server-only";
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
import { noRatePlan, stayLengthNotOffered, unknownUnit, validation } from "@/lib/server/errors";

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
      return noRatePlan(error);
    case "UNPRICEABLE_STAY":
      return stayLengthNotOffered(nights, error);
    case "INVALID_STAY":
      return validation("checkOut", "checkOut must be 1 to 365 nights after checkIn.", error);
  }
}
