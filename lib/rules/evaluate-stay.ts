// Judging stays over plain data: whether a unit can take a party for some nights, at what price,
// and what would work instead. Pure: the server loads a StayContext in one query and hands it in.

import { addDays, daysBetween, type IsoDate } from "../dates";
import { PricingError, priceStay, type FeeData, type Quote, type RatePlanData, type SeasonData, type TaxData } from "../pricing/price-stay";
import { checkStay, type RulesUnit, type StayRefusal, type StayRuleData, type TakenStay } from "./stay-rules";

export interface ContextUnit extends RulesUnit {
  slug: string;
  name: string;
  photo: string | null;
  plan: RatePlanData | null;
}

export interface ContextStay extends TakenStay {
  unitId: string;
  /** The hold's or booking's id (so checkout can leave the hold being paid out). */
  id: string;
  kind: "booking" | "hold" | "block";
}

export interface StayContext {
  units: ContextUnit[];
  seasons: SeasonData[];
  fees: FeeData[];
  taxes: TaxData[];
  rules: StayRuleData[];
  /** Stays that block nights near the stays being judged, of every unit in `units`. */
  stays: ContextStay[];
  /** The property's date and minutes since its midnight. */
  today: IsoDate;
  minutesIntoDay: number;
}

export interface Party {
  guests?: number;
  pets?: number;
}

export type Evaluation =
  | { ok: true; unit: ContextUnit; quote: Quote }
  | { ok: false; unit: ContextUnit; refusal: StayRefusal }
  | { ok: false; unit: ContextUnit; pricingError: PricingError };

export interface Alternative {
  unitId: string;
  slug: string;
  name: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
  nights: number;
  totalCents: number;
  currency: string;
}

export function staysOf(context: StayContext, unitId: string): ContextStay[] {
  return context.stays.filter((stay) => stay.unitId === unitId);
}

/**
 * The property's booking rules, as opposed to facts of the unit and the calendar (taken nights,
 * capacity, pets, the past): only these may be waived by the owner for a manual booking.
 */
export const WAIVABLE_RULES: ReadonlySet<StayRefusal["rule"]> = new Set(["MIN_NIGHTS", "MAX_NIGHTS", "HORIZON", "SAME_DAY_CUTOFF", "CHECKIN_WEEKDAY"]);

/**
 * Whether `unit` can take the party for [checkIn, checkOut), and its price when it can.
 * `allowPast` lets a quote price dates already gone (a quote books nothing). `waiveRules` lets an
 * owner's manual booking past the WAIVABLE_RULES; checkStay answers those only after the facts
 * (taken nights, party, past), so waiving one never hides a fact.
 */
export function evaluateStay(
  context: StayContext,
  unit: ContextUnit,
  stay: { checkIn: IsoDate; checkOut: IsoDate } & Party,
  options: { allowPast?: boolean; ignoreStayId?: string; waiveRules?: boolean } = {},
): Evaluation {
  const judged = checkStay({
    unit,
    rules: context.rules,
    stays: staysOf(context, unit.id).filter((s) => s.id !== options.ignoreStayId),
    checkIn: stay.checkIn,
    checkOut: stay.checkOut,
    guests: stay.guests,
    pets: stay.pets,
    today: options.allowPast && stay.checkIn < context.today ? stay.checkIn : context.today,
    minutesIntoDay: context.minutesIntoDay,
  });
  const refusal = judged && options.waiveRules && WAIVABLE_RULES.has(judged.rule) ? null : judged;
  if (refusal) return { ok: false, unit, refusal };
  try {
    const quote = priceStay({
      plan: unit.plan,
      seasons: context.seasons,
      fees: context.fees,
      taxes: context.taxes,
      pets: stay.pets ?? 0,
      checkIn: stay.checkIn,
      checkOut: stay.checkOut,
    });
    return { ok: true, unit, quote };
  } catch (error) {
    if (error instanceof PricingError) return { ok: false, unit, pricingError: error };
    throw error;
  }
}

const toAlternative = (unit: ContextUnit, checkIn: IsoDate, checkOut: IsoDate, quote: Quote): Alternative => ({
  unitId: unit.id,
  slug: unit.slug,
  name: unit.name,
  checkIn,
  checkOut,
  nights: quote.nights,
  totalCents: quote.totalCents,
  currency: quote.currency,
});

/**
 * Up to `limit` stays that would work instead of [checkIn, checkOut) on `unitId`: the nearest
 * stay of the same length on the same unit starting earlier and the nearest starting later (within
 * ALTERNATIVE shift days), then the same dates on other units that fit the party, cheapest first;
 * when there are not enough, further same-unit shifts fill in. Each one passes every rule.
 */
export function findAlternatives(
  context: StayContext,
  unitId: string,
  stay: { checkIn: IsoDate; checkOut: IsoDate } & Party,
  options: { limit?: number; maxShiftDays?: number } = {},
): Alternative[] {
  const limit = options.limit ?? 3;
  const maxShift = options.maxShiftDays ?? 14;
  const nights = daysBetween(stay.checkIn, stay.checkOut);
  const unit = context.units.find((u) => u.id === unitId);

  const shifted: Array<{ alt: Alternative; shift: number }> = [];
  if (unit) {
    for (let d = 1; d <= maxShift; d++) {
      for (const shift of [-d, d]) {
        const checkIn = addDays(stay.checkIn, shift);
        const checkOut = addDays(checkIn, nights);
        const result = evaluateStay(context, unit, { ...stay, checkIn, checkOut });
        if (result.ok) shifted.push({ alt: toAlternative(unit, checkIn, checkOut, result.quote), shift });
      }
    }
  }
  const earlier = shifted.find((s) => s.shift < 0);
  const later = shifted.find((s) => s.shift > 0);

  const others = context.units
    .filter((u) => u.id !== unitId)
    .map((u) => ({ u, result: evaluateStay(context, u, stay) }))
    .flatMap(({ u, result }) => (result.ok ? [toAlternative(u, stay.checkIn, stay.checkOut, result.quote)] : []))
    .sort((a, b) => a.totalCents - b.totalCents || a.name.localeCompare(b.name));

  const picked: Alternative[] = [];
  const add = (alt: Alternative | undefined) => {
    if (alt && picked.length < limit && !picked.includes(alt)) picked.push(alt);
  };
  add(earlier?.alt);
  add(later?.alt);
  for (const alt of others) add(alt);
  for (const s of shifted) add(s.alt);
  return picked;
}
