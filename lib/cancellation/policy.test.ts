import { describe, expect, it } from "vitest";
import {
  DEFAULT_TIERS,
  buildSnapshot,
  computeRefund,
  daysBeforeInstant,
  describePolicy,
  formatInstant,
  refundOfNightly,
  splitAmounts,
  type CancellationPolicyData,
  type StayClock,
} from "./policy";

// Hand-worked cases for the default policy: 30+ days 100%, 14-29 days 50%, under 14 days 0%,
// fees and taxes in full before arrival, 48 h grace when booked at least 14 days ahead.
//
// The stay: check-in Thu Apr 1, 2027 at 15:00 America/New_York. Daylight saving starts
// Sun Mar 14, 2027, so check-in is 15:00 EDT = 19:00Z, while the 30-day deadline, Mar 2, 2027
// 15:00, is in EST = 20:00Z. Counting 30 x 24 h back from 19:00Z would put it at 19:00Z: one
// hour too early.

const policy: CancellationPolicyData = {
  name: "Standard",
  tiers: DEFAULT_TIERS,
  refundFeesBeforeArrival: true,
  graceHours: 48,
  graceMinDaysBefore: 14,
};
const stay: StayClock = { checkIn: "2027-04-01", checkInTime: "15:00", timeZone: "America/New_York" };

// base 130 001 - discount 6 550 = nightly 123 451 (odd, to show the rounding);
// fees 4 000 + taxes 8 642 = 12 642; total 136 093.
const amounts = splitAmounts({ baseCents: 130_001, discountCents: 6_550, totalCents: 136_093, currency: "USD" });

// 50% of 123 451 = 61 725.5 -> 61 726 (half a cent to the guest); + 12 642 fees = 74 368.
const FULL = 136_093;
const HALF = 74_368;
const FEES_ONLY = 12_642;

const bookedEarly = new Date("2027-01-05T12:00:00Z"); // grace over long before any boundary

describe("splitAmounts", () => {
  it("nightly = base - discount; fees and taxes = the rest of the total", () => {
    expect(amounts).toEqual({ totalCents: 136_093, nightlyCents: 123_451, feesAndTaxesCents: 12_642, currency: "USD" });
  });
});

describe("refundOfNightly rounds to the nearest cent, half a cent up", () => {
  it.each([
    [123_451, 50, 61_726], // 61 725.5 -> 61 726
    [123_450, 50, 61_725], // exact
    [10_001, 33, 3_300], // 3 300.33 -> 3 300
    [10_003, 15, 1_500], // 1 500.45 -> 1 500
    [10_010, 15, 1_502], // 1 501.5 -> 1 502
    [99_999, 100, 99_999],
    [99_999, 0, 0],
  ])("%i cents at %i%% -> %i", (cents, pct, expected) => {
    expect(refundOfNightly(cents, pct)).toBe(expected);
  });
});

describe("tier deadlines are wall-clock check-in time in the property time zone", () => {
  it("30 days before Apr 1 15:00 EDT is Mar 2 15:00 EST = 20:00Z (not 19:00Z)", () => {
    expect(daysBeforeInstant(stay, 30).toISOString()).toBe("2027-03-02T20:00:00.000Z");
    expect(daysBeforeInstant(stay, 14).toISOString()).toBe("2027-03-18T19:00:00.000Z");
    expect(daysBeforeInstant(stay, 0).toISOString()).toBe("2027-04-01T19:00:00.000Z");
  });
});

describe("computeRefund at each boundary", () => {
  it.each([
    // [cancelled at, rule, pct, refund]
    ["2027-02-01T12:00:00.000Z", "tier", 100, FULL], // 59 days ahead
    ["2027-03-02T19:00:00.000Z", "tier", 100, FULL], // 30 x 24 h before check-in, still 1 h inside the 100% tier
    ["2027-03-02T19:59:00.000Z", "tier", 100, FULL], // the last minute of the 100% tier across the DST change
    ["2027-03-02T19:59:59.999Z", "tier", 100, FULL],
    ["2027-03-02T20:00:00.000Z", "tier", 50, HALF], // the boundary minute itself: next tier
    ["2027-03-18T18:59:00.000Z", "tier", 50, HALF], // last minute of the 50% tier
    ["2027-03-18T19:00:00.000Z", "tier", 0, FEES_ONLY], // 14 days before at 15:00 EDT: fees and taxes only
    ["2027-04-01T18:59:00.000Z", "tier", 0, FEES_ONLY], // a minute before check-in
    ["2027-04-01T19:00:00.000Z", "after_arrival", 0, 0], // check-in time: nothing
    ["2027-04-03T10:00:00.000Z", "after_arrival", 0, 0],
  ] as const)("cancelled at %s -> %s %i%%, %i cents", (at, rule, pct, refund) => {
    const result = computeRefund({ policy, stay, amounts, bookedAt: bookedEarly, now: new Date(at) });
    expect(result).toMatchObject({ rule, refundPct: pct, refundCents: refund });
  });

  it("splits the 50% refund into its nightly and fee parts", () => {
    const result = computeRefund({ policy, stay, amounts, bookedAt: bookedEarly, now: new Date("2027-03-10T12:00:00Z") });
    expect(result).toEqual({ rule: "tier", refundPct: 50, nightlyRefundCents: 61_726, feesAndTaxesRefundCents: 12_642, refundCents: 74_368 });
  });

  it("a fall-back DST change moves the deadline the other way: 14 days before Nov 10, 2026 15:00 EST is Oct 27 15:00 EDT = 19:00Z", () => {
    const fall: StayClock = { checkIn: "2026-11-10", checkInTime: "15:00", timeZone: "America/New_York" };
    // 14 x 24 h before check-in (20:00Z) would be Oct 27 20:00Z; at 19:30Z the 50% tier is already over.
    const at = (iso: string) => computeRefund({ policy, stay: fall, amounts, bookedAt: new Date("2026-08-01T12:00:00Z"), now: new Date(iso) });
    expect(at("2026-10-27T18:59:00Z").refundCents).toBe(HALF);
    expect(at("2026-10-27T19:00:00Z").refundCents).toBe(FEES_ONLY);
    expect(at("2026-10-27T19:30:00Z").refundCents).toBe(FEES_ONLY);
  });

  it("caps the refund at what has not been refunded yet", () => {
    // 136 093 paid - 100 000 already refunded = 36 093 left, less than the 100% refund.
    const result = computeRefund({ policy, stay, amounts, bookedAt: bookedEarly, now: new Date("2027-02-01T12:00:00Z"), alreadyRefundedCents: 100_000 });
    expect(result.refundCents).toBe(36_093);
  });
});

describe("the 48-hour grace period", () => {
  // Booked Mar 10 12:00Z, 22 days ahead: in the 50% tier, but within 48 h it is a full refund.
  const bookedAt = new Date("2027-03-10T12:00:00Z");

  it.each([
    ["2027-03-10T12:05:00.000Z", "grace", FULL],
    ["2027-03-12T11:59:00.000Z", "grace", FULL], // 47 h 59 min after booking
    ["2027-03-12T12:00:00.000Z", "tier", HALF], // exactly 48 h: the grace period is over
  ] as const)("booked Mar 10 12:00Z, cancelled %s -> %s, %i cents", (at, rule, refund) => {
    expect(computeRefund({ policy, stay, amounts, bookedAt, now: new Date(at) })).toMatchObject({ rule, refundCents: refund });
  });

  it("counts 48 elapsed hours across the DST change (booked Sat Mar 13 12:00Z, ends Mon Mar 15 12:00Z)", () => {
    const booked = new Date("2027-03-13T12:00:00Z");
    expect(computeRefund({ policy, stay, amounts, bookedAt: booked, now: new Date("2027-03-15T11:59:00Z") }).rule).toBe("grace");
    expect(computeRefund({ policy, stay, amounts, bookedAt: booked, now: new Date("2027-03-15T12:00:00Z") }).rule).toBe("tier");
  });

  it("applies when booked exactly 14 days before check-in (Mar 18 19:00Z), not a minute later", () => {
    const cancelAt = new Date("2027-03-19T12:00:00Z");
    const onTime = computeRefund({ policy, stay, amounts, bookedAt: new Date("2027-03-18T19:00:00Z"), now: cancelAt });
    expect(onTime).toMatchObject({ rule: "grace", refundCents: FULL });
    const late = computeRefund({ policy, stay, amounts, bookedAt: new Date("2027-03-18T19:01:00Z"), now: cancelAt });
    expect(late).toMatchObject({ rule: "tier", refundPct: 0, refundCents: FEES_ONLY });
  });
});

describe("describePolicy: plain words with actual dates", () => {
  it("lists every tier still ahead, in the property's local time", () => {
    expect(describePolicy(policy, stay, new Date("2027-02-01T12:00:00Z"))).toEqual([
      "Full refund if you cancel within 48 hours of booking.",
      "Full refund if you cancel before Mar 2, 2027 at 3:00 PM EST.",
      "Refund of 50% of the nightly charges plus all fees and taxes if you cancel before Mar 18, 2027 at 3:00 PM EDT.",
      "Refund of the fees and taxes only (no nightly charges) if you cancel before Apr 1, 2027 at 3:00 PM EDT.",
      "No refund if you cancel after Apr 1, 2027 at 3:00 PM EDT.",
    ]);
  });

  it("leaves out tiers already past and the grace period when check-in is under 14 days away", () => {
    expect(describePolicy(policy, stay, new Date("2027-03-25T12:00:00Z"))).toEqual([
      "Refund of the fees and taxes only (no nightly charges) if you cancel before Apr 1, 2027 at 3:00 PM EDT.",
      "No refund if you cancel after Apr 1, 2027 at 3:00 PM EDT.",
    ]);
  });

  it("says when a policy refunds nothing", () => {
    const strict: CancellationPolicyData = { ...policy, tiers: [{ daysBefore: 0, refundPct: 0 }], refundFeesBeforeArrival: false, graceHours: 0 };
    expect(describePolicy(strict, stay, new Date("2027-02-01T12:00:00Z"))).toEqual(["This booking is not refundable."]);
  });

  it("formats instants by hand, the same on every ICU version", () => {
    expect(formatInstant(new Date("2027-03-02T05:05:00Z"), "America/New_York")).toBe("Mar 2, 2027 at 12:05 AM EST");
    expect(formatInstant(new Date("2027-07-04T16:30:00Z"), "America/New_York")).toBe("Jul 4, 2027 at 12:30 PM EDT");
  });

  it("the snapshot carries the sorted tiers, deadlines, split amounts and the summary", () => {
    const snapshot = buildSnapshot({ policy: { ...policy, tiers: [...DEFAULT_TIERS].reverse() }, stay, amounts, now: new Date("2027-02-01T12:00:00Z") });
    expect(snapshot.policy.tiers.map((t) => t.daysBefore)).toEqual([30, 14, 0]);
    expect(snapshot.checkInAt).toBe("2027-04-01T19:00:00.000Z");
    expect(snapshot.deadlines.map((d) => [d.before, d.refundPct])).toEqual([
      ["2027-03-02T20:00:00.000Z", 100],
      ["2027-03-18T19:00:00.000Z", 50],
      ["2027-04-01T19:00:00.000Z", 0],
    ]);
    expect(snapshot.summary).toHaveLength(5);
  });
});
