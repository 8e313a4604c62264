// Pure cancellation policy engine: deadlines, plain-words summary and the refund a cancellation
// gives at a given instant. No I/O, safe on client and server; all money in integer cents.
//
// A tier "N days before check-in" ends at the check-in time (CHECKIN_TIME) on the calendar date
// N days before the check-in date, in the property's time zone: across a daylight-saving change
// that is not N x 24 hours before check-in, and the guest reads the same wall-clock time.
//
// Rounding, in one place (refundOfNightly): a percentage of the nightly charges is rounded to the
// nearest cent, a half cent going to the guest.

import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { addDays, type IsoDate } from "../dates";

export const policyTier = z.strictObject({
  daysBefore: z.int().min(0).max(3650),
  refundPct: z.int().min(0).max(100),
});

export const policyTiers = z
  .array(policyTier)
  .min(1)
  .max(20)
  .refine((tiers) => new Set(tiers.map((t) => t.daysBefore)).size === tiers.length, "each daysBefore at most once");

export type PolicyTier = z.infer<typeof policyTier>;

export interface CancellationPolicyData {
  name: string;
  /** Any order; the engine sorts them longest notice first. */
  tiers: PolicyTier[];
  /** Fees and taxes refunded in full when cancelled before the check-in instant. */
  refundFeesBeforeArrival: boolean;
  /** Full refund within this many hours of booking ... */
  graceHours: number;
  /** ... when booked at least this many days (same day rule as tiers) before check-in. */
  graceMinDaysBefore: number;
}

export interface StayClock {
  checkIn: IsoDate;
  /** HH:MM, 24-hour, in timeZone. */
  checkInTime: string;
  timeZone: string;
}

export interface AmountSplit {
  /** What was (or will be) paid: nightlyCents + feesAndTaxesCents. */
  totalCents: number;
  /** baseCents - discountCents of the quote. */
  nightlyCents: number;
  /** totalCents - nightlyCents: fees, taxes, anything not nightly. */
  feesAndTaxesCents: number;
  currency: string;
}

export interface PolicyDeadline {
  /** Cancel strictly before this instant (ISO) to get this tier. */
  before: string;
  daysBefore: number;
  refundPct: number;
  feesAndTaxesRefunded: boolean;
}

/** The terms a booking was sold under (stored on the hold at checkout, copied onto the booking). */
export interface PolicySnapshot {
  version: 1;
  policy: CancellationPolicyData;
  stay: StayClock;
  /** The check-in instant (ISO). */
  checkInAt: string;
  amounts: AmountSplit;
  deadlines: PolicyDeadline[];
  /** The policy in plain words with actual dates, exactly as the guest was shown it. */
  summary: string[];
  /** Set when the booking is created: the grace period counts from here. */
  bookedAt?: string;
  /** End of the free-cancellation grace period, or null when it does not apply. */
  graceEndsAt?: string | null;
}

export type RefundRule = "grace" | "tier" | "after_arrival";

export interface RefundComputation {
  rule: RefundRule;
  /** Percentage of the nightly charges refunded (100 in the grace period). */
  refundPct: number;
  nightlyRefundCents: number;
  feesAndTaxesRefundCents: number;
  /** nightly + fees refund, capped at what is still refundable. */
  refundCents: number;
}

/** The instant of `time` (HH:MM) on calendar date `date` in `timeZone`. */
export function zonedInstant(date: IsoDate, time: string, timeZone: string): Date {
  // A pure function of its arguments, and TZDate's zone arithmetic is the bulk of a quote's
  // policy terms: remembered per (date, time, zone), bounded, a fresh Date for each caller.
  const key = `${date}|${time}|${timeZone}`;
  let ms = zonedInstants.get(key);
  if (ms === undefined) {
    const [y, m, d] = date.split("-").map(Number) as [number, number, number];
    const [hh, mm] = time.split(":").map(Number) as [number, number];
    ms = new TZDate(y, m - 1, d, hh, mm, timeZone).getTime();
    if (zonedInstants.size >= ZONED_INSTANTS_MAX) zonedInstants.clear();
    zonedInstants.set(key, ms);
  }
  return new Date(ms);
}

const ZONED_INSTANTS_MAX = 10_000;
const zonedInstants = new Map<string, number>();

export function checkInInstant(stay: StayClock): Date {
  return zonedInstant(stay.checkIn, stay.checkInTime, stay.timeZone);
}

/** End of the "N days before check-in" window: check-in time, N calendar days earlier. */
export function daysBeforeInstant(stay: StayClock, days: number): Date {
  return zonedInstant(addDays(stay.checkIn, -days), stay.checkInTime, stay.timeZone);
}

function sortedTiers(policy: CancellationPolicyData): PolicyTier[] {
  return [...policy.tiers].sort((a, b) => b.daysBefore - a.daysBefore);
}

export function deadlinesOf(policy: CancellationPolicyData, stay: StayClock): PolicyDeadline[] {
  return sortedTiers(policy).map((tier) => ({
    before: daysBeforeInstant(stay, tier.daysBefore).toISOString(),
    daysBefore: tier.daysBefore,
    refundPct: tier.refundPct,
    feesAndTaxesRefunded: policy.refundFeesBeforeArrival,
  }));
}

/** Nightly refund: nearest cent, half a cent up (to the guest). Integer arithmetic only. */
export function refundOfNightly(nightlyCents: number, pct: number): number {
  return Math.floor((nightlyCents * pct + 50) / 100);
}

/** The end of the grace period for a booking made at bookedAt, or null when it does not apply. */
export function graceEnd(policy: CancellationPolicyData, stay: StayClock, bookedAt: Date): Date | null {
  if (policy.graceHours <= 0) return null;
  if (bookedAt.getTime() > daysBeforeInstant(stay, policy.graceMinDaysBefore).getTime()) return null;
  return new Date(bookedAt.getTime() + policy.graceHours * 3_600_000);
}

/**
 * The refund a cancellation at `now` gives under the snapshot's policy. `alreadyRefundedCents`
 * (refunds already made on this booking) caps the result so the total never exceeds what was paid.
 */
export function computeRefund(input: {
  policy: CancellationPolicyData;
  stay: StayClock;
  amounts: AmountSplit;
  bookedAt: Date;
  now: Date;
  alreadyRefundedCents?: number;
}): RefundComputation {
  const { policy, stay, amounts, now } = input;
  const remaining = Math.max(0, amounts.totalCents - (input.alreadyRefundedCents ?? 0));
  const beforeArrival = now.getTime() < checkInInstant(stay).getTime();
  const feesRefund = beforeArrival && policy.refundFeesBeforeArrival ? amounts.feesAndTaxesCents : 0;
  const cap = (nightly: number, fees: number) => Math.min(remaining, nightly + fees);

  const grace = graceEnd(policy, stay, input.bookedAt);
  if (grace && beforeArrival && now.getTime() < grace.getTime()) {
    const nightly = amounts.nightlyCents;
    const fees = amounts.feesAndTaxesCents;
    return { rule: "grace", refundPct: 100, nightlyRefundCents: nightly, feesAndTaxesRefundCents: fees, refundCents: cap(nightly, fees) };
  }
  if (!beforeArrival) {
    return { rule: "after_arrival", refundPct: 0, nightlyRefundCents: 0, feesAndTaxesRefundCents: 0, refundCents: 0 };
  }
  const tier = sortedTiers(policy).find((t) => now.getTime() < daysBeforeInstant(stay, t.daysBefore).getTime());
  const pct = tier?.refundPct ?? 0;
  const nightly = refundOfNightly(amounts.nightlyCents, pct);
  return { rule: "tier", refundPct: pct, nightlyRefundCents: nightly, feesAndTaxesRefundCents: feesRefund, refundCents: cap(nightly, feesRefund) };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// One formatter per time zone: building one costs far more than formatting with it, and every
// quote describes its policy (issue #19).
const instantFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "Mar 2, 2027 at 3:00 PM EST" in the property's time zone. Built from parts rather than from a
 * locale format so the text is the same on every ICU version (server, browser, tests).
 */
export function formatInstant(instant: Date, timeZone: string): string {
  let format = instantFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    });
    instantFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const hour24 = Number(get("hour")) % 24;
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  const meridiem = hour24 < 12 ? "AM" : "PM";
  return `${MONTHS[Number(get("month")) - 1]} ${Number(get("day"))}, ${get("year")} at ${hour12}:${get("minute")} ${meridiem} ${get("timeZoneName")}`;
}

function tierSentence(pct: number, fees: boolean, when: string): string | null {
  if (pct === 100 && fees) return `Full refund if you cancel before ${when}.`;
  if (pct === 100) return `Refund of all nightly charges (fees and taxes are not refunded) if you cancel before ${when}.`;
  if (pct > 0) return `Refund of ${pct}% of the nightly charges${fees ? " plus all fees and taxes" : ""} if you cancel before ${when}.`;
  if (fees) return `Refund of the fees and taxes only (no nightly charges) if you cancel before ${when}.`;
  return null;
}

/**
 * The policy in plain words with actual dates, as of `now` (tiers already past are left out).
 * The quote, the checkout page and the booking's snapshot all show these exact lines.
 */
export function describePolicy(policy: CancellationPolicyData, stay: StayClock, now: Date): string[] {
  const lines: string[] = [];
  const tz = stay.timeZone;
  const grace = graceEnd(policy, stay, now);
  if (grace) {
    lines.push(`Full refund if you cancel within ${policy.graceHours} hours of booking.`);
  }
  let lastRefunding: Date | null = null;
  for (const d of deadlinesOf(policy, stay)) {
    const before = new Date(d.before);
    if (before.getTime() <= now.getTime()) continue;
    const sentence = tierSentence(d.refundPct, d.feesAndTaxesRefunded, formatInstant(before, tz));
    if (sentence) {
      lines.push(sentence);
      lastRefunding = before;
    }
  }
  const checkInAt = checkInInstant(stay);
  if (policy.refundFeesBeforeArrival && checkInAt.getTime() > now.getTime() && (!lastRefunding || lastRefunding < checkInAt)) {
    lines.push(`Refund of the fees and taxes only if you cancel before check-in (${formatInstant(checkInAt, tz)}).`);
    lastRefunding = checkInAt;
  }
  lines.push(lastRefunding ? `No refund if you cancel after ${formatInstant(lastRefunding, tz)}.` : "This booking is not refundable.");
  return lines;
}

/** The terms of a stay about to be sold: policy, the amounts split, deadlines and summary. */
export function buildSnapshot(input: {
  policy: CancellationPolicyData;
  stay: StayClock;
  amounts: AmountSplit;
  now: Date;
}): PolicySnapshot {
  return {
    version: 1,
    policy: { ...input.policy, tiers: sortedTiers(input.policy) },
    stay: input.stay,
    checkInAt: checkInInstant(input.stay).toISOString(),
    amounts: input.amounts,
    deadlines: deadlinesOf(input.policy, input.stay),
    summary: describePolicy(input.policy, input.stay, input.now),
  };
}

/** Split of a quote's total: nightly = base - discount; fees and taxes = everything else. */
export function splitAmounts(quote: { baseCents: number; discountCents: number; totalCents: number; currency: string }): AmountSplit {
  const nightlyCents = quote.baseCents - quote.discountCents;
  return { totalCents: quote.totalCents, nightlyCents, feesAndTaxesCents: quote.totalCents - nightlyCents, currency: quote.currency };
}

/** The default policy of the issue (#14); the seed's data file uses it. */
export const DEFAULT_TIERS: PolicyTier[] = [
  { daysBefore: 30, refundPct: 100 },
  { daysBefore: 14, refundPct: 50 },
  { daysBefore: 0, refundPct: 0 },
];
