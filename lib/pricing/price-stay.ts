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

/**
 * amount in cents; perStay=false means charged for every night. appliesTo "PET" (default "STAY"):
 * charged only when the stay has pets, once per pet.
 */
export interface FeeData {
  name: string;
  amount: number;
  perStay: boolean;
  appliesTo?: "STAY" | "PET";
}

/**
 * A lodging tax. It applies to the net nightly charge (after discounts) when appliesToNightly, and
 * to the fees named in appliesToFees; only to nights (and per-stay fees: the check-in day) inside
 * effectiveFrom..effectiveTo (inclusive, null = open); never to a stay longer than maxStayNights.
 */
export interface TaxData {
  name: string;
  rateBps: number;
  appliesToNightly: boolean;
  appliesToFees: string[];
  maxStayNights: number | null;
  effectiveFrom: IsoDate | null;
  effectiveTo: IsoDate | null;
}

export interface LineItem {
  label: string;
  amountCents: number;
  kind: "base" | "discount" | "fee" | "tax";
}

/** One tax as charged: amountCents = taxableCents * rateBps / 10000, rounded half up once. */
export interface TaxLine {
  name: string;
  rateBps: number;
  taxableCents: number;
  amountCents: number;
}

export interface Quote {
  nights: number;
  baseCents: number;
  discountCents: number;
  feesCents: number;
  taxCents: number;
  /** baseCents - discountCents + feesCents + taxCents */
  totalCents: number;
  currency: string;
  lineItems: LineItem[];
  taxLines: TaxLine[];
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

export function seasonContains(season: SeasonData): (date: IsoDate) => boolean {
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
  taxes?: TaxData[];
  /** Pets in the party (pet fees are charged once per pet). */
  pets?: number;
  checkIn: IsoDate;
  checkOut: IsoDate;
}): Quote {
  const { plan, seasons, checkIn, checkOut } = input;
  const taxes = input.taxes ?? [];
  const pets = input.pets ?? 0;
  if (!Number.isInteger(pets) || pets < 0) throw new RangeError(`pets must be a non-negative integer, got ${pets}`);
  const fees = input.fees.filter((fee) => (fee.appliesTo ?? "STAY") === "STAY" || pets > 0);

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

  // Each fee with the nights it is charged for (a per-stay fee counts on the check-in night), so
  // a tax can take the part that falls inside its effective dates.
  const feeCharges: Array<{ name: string; perNight: number; nights: number[] }> = [];
  for (const fee of fees) {
    const count = (fee.appliesTo ?? "STAY") === "PET" ? pets : 1;
    const each = checked(fee.amount * count, `fee "${fee.name}"`);
    const petLabel = count > 1 ? ` × ${count} pets` : "";
    if (fee.perStay) {
      lineItems.push({ label: `${fee.name}${petLabel}`, amountCents: each, kind: "fee" });
      feeCharges.push({ name: fee.name, perNight: each, nights: [0] });
    } else {
      lineItems.push({
        label: `${fee.name}${petLabel} (× ${plural(nights, "night")})`,
        amountCents: checked(each * nights, `fee "${fee.name}"`),
        kind: "fee",
      });
      feeCharges.push({ name: fee.name, perNight: each, nights: Array.from({ length: nights }, (_, n) => n) });
    }
  }

  // The net nightly charge of each night in units (base share minus that night's discount), so a
  // tax whose dates cover only part of the stay takes exactly those nights.
  const nightNetUnits: number[] = new Array<number>(nights).fill(0);
  for (const block of blocks) {
    const length = TIER_NIGHTS[block.tier];
    for (let n = block.start; n < block.start + length; n++) {
      nightNetUnits[n] = price(block.tier) * (SPAN_LCM / length) * (100 - (nightPct[n] ?? 0));
    }
  }

  const sumOf = (kind: LineItem["kind"]): number =>
    lineItems
      .filter((item) => item.kind === kind)
      .reduce((sum, item) => checked(sum + item.amountCents, `${kind} sum`), 0);
  const baseCents = sumOf("base");
  const discountCents = 0 - sumOf("discount"); // not -sum: that would be -0 for no discount
  const feesCents = sumOf("fee");

  const taxLines = taxStay({ taxes, checkIn, nights, nightNetUnits, netNightlyCents: baseCents - discountCents, feeCharges });
  for (const line of taxLines) {
    lineItems.push({ label: `${line.name} (${formatBps(line.rateBps)})`, amountCents: line.amountCents, kind: "tax" });
  }
  const taxCents = sumOf("tax");

  return {
    nights,
    baseCents,
    discountCents,
    feesCents,
    taxCents,
    totalCents: checked(baseCents - discountCents + feesCents + taxCents, "total"),
    currency: plan.currency,
    lineItems,
    taxLines,
  };
}

/** 600 -> "6%", 125 -> "1.25%". */
function formatBps(bps: number): string {
  const whole = Math.floor(bps / 100);
  const rest = bps % 100;
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}%`;
}

function assertTax(tax: TaxData): void {
  if (!Number.isInteger(tax.rateBps) || tax.rateBps < 0 || tax.rateBps > 10_000) {
    throw new RangeError(`tax "${tax.name}" rateBps must be an integer 0..10000, got ${tax.rateBps}`);
  }
  for (const date of [tax.effectiveFrom, tax.effectiveTo]) {
    if (date !== null && !isIsoDate(date)) throw new RangeError(`tax "${tax.name}" has an invalid date`);
  }
}

/**
 * The tax lines of a stay. A tax's taxable amount is the net nightly charge of the nights inside
 * its dates plus the fees it names charged on those nights; when it covers every night that is
 * exactly the quote's baseCents - discountCents, otherwise the covered nights' exact share rounded
 * to the cent. The tax itself is rounded once (half up) per line. A stay longer than a tax's
 * maxStayNights is exempt from it; a tax with nothing to tax leaves no line.
 */
function taxStay(input: {
  taxes: TaxData[];
  checkIn: IsoDate;
  nights: number;
  nightNetUnits: number[];
  netNightlyCents: number;
  feeCharges: Array<{ name: string; perNight: number; nights: number[] }>;
}): TaxLine[] {
  const { taxes, checkIn, nights, nightNetUnits, netNightlyCents, feeCharges } = input;
  const lines: TaxLine[] = [];
  for (const tax of taxes) {
    assertTax(tax);
    if (tax.maxStayNights !== null && nights > tax.maxStayNights) continue;
    const from = tax.effectiveFrom === null ? -Infinity : toDayNumber(tax.effectiveFrom);
    const to = tax.effectiveTo === null ? Infinity : toDayNumber(tax.effectiveTo);
    const first = toDayNumber(checkIn);
    const covers = (night: number) => first + night >= from && first + night <= to;

    let taxableCents = 0;
    let covered = false;
    if (tax.appliesToNightly) {
      let units = 0;
      let count = 0;
      for (let n = 0; n < nights; n++) {
        if (!covers(n)) continue;
        units = checked(units + (nightNetUnits[n] ?? 0), "taxable nights");
        count++;
      }
      if (count > 0) covered = true;
      taxableCents += count === nights ? netNightlyCents : roundHalfUp(units, UNITS_PER_CENT);
    }
    for (const fee of feeCharges) {
      if (!tax.appliesToFees.includes(fee.name)) continue;
      const count = fee.nights.filter(covers).length;
      if (count > 0) covered = true;
      taxableCents = checked(taxableCents + fee.perNight * count, "taxable fees");
    }
    if (!covered) continue;
    // BigInt: taxable cents times basis points can pass 2^53 for a long, expensive stay.
    const amount = (BigInt(taxableCents) * BigInt(tax.rateBps) * 2n + 10_000n) / 20_000n;
    lines.push({ name: tax.name, rateBps: tax.rateBps, taxableCents, amountCents: checked(Number(amount), "tax") });
  }
  return lines;
}
