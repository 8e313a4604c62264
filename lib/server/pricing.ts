import "server-only";
import { daysBetween, type IsoDate } from "@/lib/dates";
import { now as clockNow } from "@/lib/clock";
import { PricingError, TIER_NIGHTS, type Quote, type RatePlanData } from "@/lib/pricing/price-stay";
import { evaluateStay, findAlternatives } from "@/lib/rules/evaluate-stay";
import { prisma, type Db } from "@/lib/server/db/client";
import { AppError, stayRefused } from "@/lib/server/errors";
import { loadStayContext, memoizeAnswer } from "@/lib/server/stays/load-stay-context";
import { unitNotFound } from "@/lib/server/units/unit-ref";

// The server side of pricing: loads the unit's effective rate plan, seasons, fees, taxes, stay
// rules and nearby stays in one query whatever the stay, hands them to the pure checkStay and
// priceStay, and turns their answers into guest-facing errors that reveal nothing about the plan.

export type { Db };

export interface ComputeQuoteOptions {
  /** The unit's id or slug. */
  unitId: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
}

export interface QuoteResult extends Quote {
  unit: { id: string; slug: string; name: string };
  /** The unit's turnover days: a hold or booking of this stay records them. */
  turnoverDays: number;
  /**
   * The unit's effective cancellation policy row (unit, else category, else default), loaded in
   * the same statement so the quote stays one round trip; null when no policy exists at all.
   * Parsed and applied by lib/server/cancellation/get-cancellation-terms.ts.
   */
  cancellationPolicyRow: unknown;
  checkIn: IsoDate;
  checkOut: IsoDate;
}

// The plan lookup lives with the unit lookup (lib/server/units/unit-ref.ts); re-exported for callers here.
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

export interface PriceStayOptions extends ComputeQuoteOptions {
  guests?: number;
  pets?: number;
  now?: Date;
  /** Price dates already gone (POST /quote: a quote books nothing). Default false. */
  allowPast?: boolean;
  /** Leave this hold or booking out of the blocking stays (checkout re-checks its own hold). */
  ignoreStayId?: string;
  /** An owner's manual booking: the property's booking rules do not refuse it (WAIVABLE_RULES). */
  waiveRules?: boolean;
}

/**
 * Prices a stay of one active unit after checking it against the stay rules, the party and the
 * unit's taken nights, in ONE query (the unit, its plan, seasons, fees, taxes, rules and nearby
 * stays together). Throws AppError NOT_FOUND for an unknown or inactive unit, the refusal (with
 * details.rule and up to three alternatives) when the stay is not allowed, UNPRICEABLE_STAY when
 * the unit has no plan or its tiers cannot cover the nights, and VALIDATION_FAILED for an
 * impossible stay. Pass a transaction client to price inside it.
 */
export async function computeQuote(options: PriceStayOptions, db: Db = prisma): Promise<QuoteResult> {
  const { checkIn, checkOut } = options;
  const now = options.now ?? clockNow();
  const loaded = await loadStayContext({ unitRef: options.unitId, start: checkIn, end: checkOut, now }, db);
  const { targetId, context, cancellationPolicy } = loaded;
  const unit = context.units.find((u) => u.id === targetId);
  if (!unit) throw unitNotFound();
  const stay = { checkIn, checkOut, guests: options.guests, pets: options.pets };
  // Judged once per context (load-stay-context.ts); a refusal is kept as data and thrown afresh.
  const key = `quote|${unit.id}|${checkIn}|${checkOut}|${stay.guests ?? ""}|${stay.pets ?? ""}|${options.allowPast ?? false}|${options.ignoreStayId ?? ""}|${options.waiveRules ?? false}`;
  const judged = memoizeAnswer(loaded, key, () => {
    const result = evaluateStay(context, unit, stay, { allowPast: options.allowPast, ignoreStayId: options.ignoreStayId, waiveRules: options.waiveRules });
    return "refusal" in result ? { ...result, alternatives: findAlternatives(context, unit.id, stay) } : result;
  });
  if ("refusal" in judged) throw stayRefused(judged.refusal, judged.alternatives);
  if ("pricingError" in judged) throw toAppError(judged.pricingError, daysBetween(checkIn, checkOut));
  const result = judged;
  return {
    unit: { id: unit.id, slug: unit.slug, name: unit.name },
    turnoverDays: unit.turnoverDays,
    checkIn,
    checkOut,
    ...result.quote,
    cancellationPolicyRow: cancellationPolicy,
  };
}

// PricingError messages name tiers and plan details: they go to the log (as the cause), never to
// the caller, who gets a sentence a guest can act on.
export function toAppError(error: unknown, nights: number): unknown {
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
