import { describe, expect, it } from "vitest";
import { addDays, todayIn } from "@/lib/dates";
import { currentPolicyView, getCancellationTerms, policyView } from "@/lib/server/cancellation/get-cancellation-terms";

// Issue #19: a quote's cancellation terms are kept between requests (currentPolicyView) until the
// next instant at which their wording can change. Every answer must equal the terms computed
// afresh (getCancellationTerms + policyView, which the quote used before), right before, at and
// right after each such instant, with time moving forward (the cache in use) and backward.
//
// The policy (hand-made): 100 % until 30 days before, 50 % until 14 days before, nothing after;
// fees refunded before arrival; a 48-hour grace period for bookings made 14 or more days ahead.
// Check-in is at 15:00 in America/New_York (the test env's CHECKIN_TIME and time zone).

const row = {
  name: "Cache test",
  tiers: [
    { daysBefore: 30, refundPct: 100 },
    { daysBefore: 14, refundPct: 50 },
    { daysBefore: 0, refundPct: 0 },
  ],
  refundFeesBeforeArrival: true,
  graceHours: 48,
  graceMinDaysBefore: 14,
};
const checkIn = addDays(todayIn("America/New_York"), 45);
const HOUR = 3_600_000;

/** 15:00 in New York on `date`, worked out by trying both UTC offsets the zone uses. */
function threePmInNewYork(date: string): number {
  for (const offset of [4, 5]) {
    const t = Date.parse(`${date}T${String(15 + offset).padStart(2, "0")}:00:00.000Z`);
    const local = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", hour: "numeric", hourCycle: "h23" }).format(t);
    if (Number(local) === 15) return t;
  }
  throw new Error("no 15:00 found");
}

async function fresh(now: number) {
  const quote = { baseCents: 10_000, discountCents: 0, totalCents: 11_000, currency: "USD", cancellationPolicyRow: row };
  return policyView(await getCancellationTerms({ unitId: "any", checkIn, quote, now: new Date(now) }));
}

describe("currentPolicyView", () => {
  const boundaries = [30, 14, 0].map((days) => threePmInNewYork(addDays(checkIn, -days)));
  const instants = boundaries.flatMap((b) => [b - HOUR, b - 1, b, b + 1, b + HOUR]).sort((a, b) => a - b);

  it("equals the terms computed afresh around every change, forward and backward in time", async () => {
    for (const t of [...instants, ...[...instants].reverse()]) {
      expect(currentPolicyView({ policyRow: row, checkIn, now: new Date(t) }), new Date(t).toISOString()).toEqual(await fresh(t));
    }
  });

  it("drops the grace sentence the millisecond after the 14-day deadline and the 50 % tier at it", () => {
    const fourteenDays = boundaries[1]!;
    const grace = "Full refund if you cancel within 48 hours of booking.";
    const before = currentPolicyView({ policyRow: row, checkIn, now: new Date(fourteenDays - 1) });
    const at = currentPolicyView({ policyRow: row, checkIn, now: new Date(fourteenDays) });
    const after = currentPolicyView({ policyRow: row, checkIn, now: new Date(fourteenDays + 1) });
    expect(before.summary[0]).toBe(grace);
    expect(before.summary.some((line) => line.startsWith("Refund of 50% of the nightly charges"))).toBe(true);
    // At the deadline itself the booking still earns the grace period, but the 50 % tier is gone.
    expect(at.summary[0]).toBe(grace);
    expect(at.summary.some((line) => line.startsWith("Refund of 50%"))).toBe(false);
    expect(after.summary).not.toContain(grace);
  });

  it("a changed policy (a new row object, as a catalog reload gives) is never answered from the kept view", () => {
    const now = new Date(boundaries[0]! - 2 * 24 * HOUR);
    const first = currentPolicyView({ policyRow: row, checkIn, now });
    const edited = { ...row, name: "Edited", graceHours: 0 };
    const second = currentPolicyView({ policyRow: edited, checkIn, now });
    expect(first.name).toBe("Cache test");
    expect(second.name).toBe("Edited");
    expect(second.gracePeriodHours).toBeNull();
    expect(second.summary[0]).not.toContain("48 hours");
  });
});
