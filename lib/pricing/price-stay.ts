// Pure stay pricing: covers a stay with rate-plan blocks, applies seasonal discounts per night,
// and produces a quote whose line items add up exactly to its total. No I/O, safe on client and server.

import { addDays, daysBetween, isIsoDate, monthDay, toDayNumber, type IsoDate } from "../dates";

/** Prices in integer cents; null means the plan does not offer that tier. */
export interface RatePlanData {
  nightly: number | null;
  weekly: number | null;
  monthly: number | null;
  fourMonth: number | null;
  currency: string;
}

/** A discount over the inclusive calendar dates startDate..endDate. */
export interface SeasonData {
  name: string;
  startDate: IsoDate;
  endDate: IsoDate;
  discountPct: number;
  recursAnnually: boolean;
}

/** amount in cents; perStay=false means charged for every night. */
export interface FeeData {
  name: string;
  amount: number;
  perStay: boolean;
}

export interface LineItem {
  label: string;
  amountCents: number;
  kind: "base" | "discount" | "fee";
}

export interface Quote {
  nights: number;
  baseCents: number;
  discountCents: number;
  feesCents: number;
  totalCents: number;
  currency: string;
  lineItems: LineItem[];
}

export type PricingErrorCode = "NO_RATE_PLAN" | "UNPRICEABLE_STAY" | "INVALID_STAY";

export class PricingError extends Error {
  readonly code: PricingErrorCode;

  constructor(code: PricingErrorCode, message: string) {
    super(message);
    this.name = "PricingError";
    this.code = code;
  }
}

export const TIER_NIGHTS = { nightly: 1, weekly: 7, monthly: 30, fourMonth: 120 } as const;

type Tier = keyof typeof TIER_NIGHTS;

// Longest first: this is both the line-item order and the tie-break preference.
const TIERS_LONGEST_FIRST: readonly Tier[] = ["fourMonth", "monthly", "weekly", "nightly"];

const TIER_LABEL: Record<Tier, string> = {
  fourMonth: "4-month rate",
  monthly: "Monthly rate",
  weekly: "Weekly rate",
  nightly: "Nightly rate",
};

const MAX_NIGHTS = 365;

// lcm(1, 7, 30, 120): with this many units per cent-and-percent, a night's share of any block's
// discount, P * pct / (100 * L) cents, is the integer P * pct * (840 / L) units, so comparing
// block placements never suffers from rounding.
const SPAN_LCM = 840;
const UNITS_PER_CENT = 100 * SPAN_LCM;

function checked(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`pricing arithmetic out of safe integer range (${what})`);
  }
  return value;
}

/** numerator / denominator rounded to the nearest integer, halves upward. */
function roundHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || numerator < 0 || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`roundHalfUp needs a safe non-negative numerator and positive denominator`);
  }
  // % is exact on integers, and (numerator - remainder) is an exact multiple, so no float error creeps in.
  const remainder = numerator % denominator;
  const quotient = (numerator - remainder) / denominator;
  return 2 * remainder >= denominator ? quotient + 1 : quotient;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function assertCents(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer number of cents, got ${value}`);
  }
}

/** month * 100 + day, so (month, day) compares lexicographically and Feb 29 sorts between Feb 28 and Mar 1. */
function monthDayKey(date: IsoDate): number {
  const { month, day } = monthDay(date);
  return month * 100 + day;
}

function seasonContains(season: SeasonData): (date: IsoDate) => boolean {
  if (!isIsoDate(season.startDate) || !isIsoDate(season.endDate)) {
    throw new RangeError(`season "${season.name}" has an invalid date`);
  }
  if (!season.recursAnnually) {
    const first = toDayNumber(season.startDate);
    const last = toDayNumber(season.endDate);
    return (date) => {
      const day = toDayNumber(date);
      return day >= first && day <= last;
    };
  }
  const start = monthDayKey(season.startDate);
  const end = monthDayKey(season.endDate);
  const endsInLaterYear = Number(season.endDate.slice(0, 4)) > Number(season.startDate.slice(0, 4));
  if (end < start) return (date) => monthDayKey(date) >= start || monthDayKey(date) <= end;
  // Same month/day order but a later year: the span is a year or longer, so every date recurs in it.
  if (endsInLaterYear) return () => true;
  return (date) => {
    const key = monthDayKey(date);
    return key >= start && key <= end;
  };
}

function assertSeason(season: SeasonData): void {
  const pct = season.discountPct;
  // Whole percents keep every per-night discount an integer number of units.
  if (!Number.isInteger(pct) || pct < 0 || pct > 100) {
    throw new RangeError(`season "${season.name}" discountPct must be an integer 0..100, got ${pct}`);
  }
}

interface Block {
  tier: Tier;
  start: number; // night index within the stay
}

export function priceStay(input: {
  plan: RatePlanData | null;
  seasons: SeasonData[];
  fees: FeeData[];
  checkIn: IsoDate;
  checkOut: IsoDate;
}): Quote {
  const { plan, seasons, fees, checkIn, checkOut } = input;

  if (!isIsoDate(checkIn) || !isIsoDate(checkOut)) {
    throw new PricingError("INVALID_STAY", `check-in and check-out must be calendar dates (YYYY-MM-DD)`);
  }
  const nights = daysBetween(checkIn, checkOut);
  if (nights < 1 || nights > MAX_NIGHTS) {
    throw new PricingError("INVALID_STAY", `a stay must be 1..${MAX_NIGHTS} nights, got ${nights}`);
  }
  if (plan === null) throw new PricingError("NO_RATE_PLAN", "no rate plan for this unit");

  const tiers = TIERS_LONGEST_FIRST.filter((tier) => plan[tier] !== null && plan[tier] !== undefined);
  const price = (tier: Tier): number => plan[tier] ?? 0;
  for (const tier of tiers) {
    assertCents(price(tier), `${tier} price`);
    // Bounds every block's cost in units; night discounts are at most this.
    checked(price(tier) * UNITS_PER_CENT, `${tier} price`);
  }
  seasons.forEach(assertSeason);
  for (const fee of fees) assertCents(fee.amount, `fee "${fee.name}" amount`);

  // The season that governs each night: the largest discount wins; the first listed wins a tie.
  const contains = seasons.map(seasonContains);
  const nightSeason: number[] = [];
  const nightPct: number[] = [];
  for (let n = 0; n < nights; n++) {
    const date = addDays(checkIn, n);
    let chosen = -1;
    let pct = 0;
    seasons.forEach((season, index) => {
      if (contains[index]?.(date) && (chosen === -1 || season.discountPct > pct)) {
        chosen = index;
        pct = season.discountPct;
      }
    });
    nightSeason.push(chosen);
    nightPct.push(pct);
  }
  const pctPrefix: number[] = [0];
  for (let n = 0; n < nights; n++) pctPrefix.push((pctPrefix[n] ?? 0) + (nightPct[n] ?? 0));

  const blockNetUnits = (tier: Tier, start: number): number => {
    const length = TIER_NIGHTS[tier];
    const pctNights = (pctPrefix[start + length] ?? 0) - (pctPrefix[start] ?? 0);
    return price(tier) * UNITS_PER_CENT - price(tier) * (SPAN_LCM / length) * pctNights;
  };

  // Same recurrence as best[i] = min(best[i-L] + net(block ending at i)), run from the end of the
  // stay so the tie-break "earlier blocks longer" only has to look at a position's first block:
  // two covers of the same suffix with equal cost and block count that start with the same tier
  // continue with the same best remainder.
  const bestCost: (number | undefined)[] = new Array<number | undefined>(nights + 1).fill(undefined);
  const bestCount: number[] = new Array<number>(nights + 1).fill(0);
  const bestFirst: (Tier | undefined)[] = new Array<Tier | undefined>(nights + 1).fill(undefined);
  bestCost[nights] = 0;
  for (let i = nights - 1; i >= 0; i--) {
    for (const tier of tiers) {
      const rest = i + TIER_NIGHTS[tier];
      const restCost = bestCost[rest];
      if (rest > nights || restCost === undefined) continue;
      const cost = checked(restCost + blockNetUnits(tier, i), "stay cost");
      const count = (bestCount[rest] ?? 0) + 1;
      const current = bestCost[i];
      // Strict comparisons: tiers arrive longest first, so an exact tie keeps the longer first block.
      if (current === undefined || cost < current || (cost === current && count < (bestCount[i] ?? 0))) {
        bestCost[i] = cost;
        bestCount[i] = count;
        bestFirst[i] = tier;
      }
    }
  }
  if (bestCost[0] === undefined) {
    throw new PricingError(
      "UNPRICEABLE_STAY",
      `${nights} nights cannot be covered exactly by the plan's rates (${tiers.join(", ") || "none"})`,
    );
  }

  const blocks: Block[] = [];
  for (let i = 0; i < nights; ) {
    const tier = bestFirst[i];
    if (tier === undefined) throw new Error("pricing DP left a gap"); // unreachable when bestCost[0] is set
    blocks.push({ tier, start: i });
    i += TIER_NIGHTS[tier];
  }

  const lineItems: LineItem[] = [];

  for (const tier of TIERS_LONGEST_FIRST) {
    const count = blocks.filter((block) => block.tier === tier).length;
    if (count === 0) continue;
    lineItems.push({
      label: `${TIER_LABEL[tier]} × ${count} (${plural(count * TIER_NIGHTS[tier], "night")})`,
      amountCents: checked(count * price(tier), `${tier} total`),
      kind: "base",
    });
  }

  const perSeason = new Map<number, { units: number; nights: number; firstNight: number }>();
  for (const block of blocks) {
    const length = TIER_NIGHTS[block.tier];
    for (let n = block.start; n < block.start + length; n++) {
      const season = nightSeason[n] ?? -1;
      if (season === -1) continue;
      const units = price(block.tier) * (nightPct[n] ?? 0) * (SPAN_LCM / length);
      const entry = perSeason.get(season) ?? { units: 0, nights: 0, firstNight: n };
      entry.units = checked(entry.units + units, "season discount");
      entry.nights += 1;
      perSeason.set(season, entry);
    }
  }
  const discounts = [...perSeason.entries()].sort(([, a], [, b]) => a.firstNight - b.firstNight);
  for (const [index, entry] of discounts) {
    const season = seasons[index];
    const cents = roundHalfUp(entry.units, UNITS_PER_CENT);
    if (season === undefined || cents === 0) continue;
    lineItems.push({
      label: `${season.name} (${season.discountPct}% off ${plural(entry.nights, "night")})`,
      amountCents: -cents,
      kind: "discount",
    });
  }

  for (const fee of fees) {
    lineItems.push(
      fee.perStay
        ? { label: fee.name, amountCents: fee.amount, kind: "fee" }
        : {
            label: `${fee.name} (× ${plural(nights, "night")})`,
            amountCents: checked(fee.amount * nights, `fee "${fee.name}"`),
            kind: "fee",
          },
    );
  }

  const sumOf = (kind: LineItem["kind"]): number =>
    lineItems
      .filter((item) => item.kind === kind)
      .reduce((sum, item) => checked(sum + item.amountCents, `${kind} sum`), 0);
  const baseCents = sumOf("base");
  const discountCents = -sumOf("discount");
  const feesCents = sumOf("fee");

  return {
    nights,
    baseCents,
    discountCents,
    feesCents,
    totalCents: checked(baseCents - discountCents + feesCents, "total"),
    currency: plan.currency,
    lineItems,
  };
}
