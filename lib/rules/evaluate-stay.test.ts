import { describe, expect, it } from "vitest";
import { evaluateStay, findAlternatives, type ContextUnit, type StayContext } from "./evaluate-stay";

// Alternatives over plain data. Units: A (sleeps 2, $100/night), B (sleeps 4, $80), C (sleeps 4, $120).
// No fees, seasons, taxes or rules, so a stay costs nights x nightly.
const unit = (id: string, capacity: number, nightly: number): ContextUnit => ({
  id,
  slug: id.toLowerCase(),
  name: id,
  type: "TRAILER",
  capacity,
  petFriendly: false,
  turnoverDays: 0,
  photo: null,
  plan: { nightly, weekly: null, monthly: null, fourMonth: null, currency: "USD" },
});

const context = (stays: StayContext["stays"]): StayContext => ({
  units: [unit("A", 2, 10000), unit("B", 4, 8000), unit("C", 4, 12000)],
  seasons: [],
  fees: [],
  taxes: [],
  rules: [],
  stays,
  today: "2027-01-01",
  minutesIntoDay: 600,
});

describe("findAlternatives", () => {
  it("offers the nearest earlier and later stay on the unit, then the cheapest other unit", () => {
    // A is taken Jan 10-15; ask for Jan 12-14 (2 nights). Earlier: must end by Jan 10 -> Jan 8-10
    // (shift -4). Later: from Jan 15 -> Jan 15-17 (shift +3). Then B (2 x 8000) before C.
    const ctx = context([{ id: "b1", unitId: "A", start: "2027-01-10", end: "2027-01-15", turnoverDays: 0, kind: "booking" }]);
    const refused = evaluateStay(ctx, ctx.units[0]!, { checkIn: "2027-01-12", checkOut: "2027-01-14" });
    expect(refused).toMatchObject({ ok: false, refusal: { rule: "UNAVAILABLE" } });
    expect(findAlternatives(ctx, "A", { checkIn: "2027-01-12", checkOut: "2027-01-14" })).toEqual([
      { unitId: "A", slug: "a", name: "A", checkIn: "2027-01-08", checkOut: "2027-01-10", nights: 2, totalCents: 20000, currency: "USD" },
      { unitId: "A", slug: "a", name: "A", checkIn: "2027-01-15", checkOut: "2027-01-17", nights: 2, totalCents: 20000, currency: "USD" },
      { unitId: "B", slug: "b", name: "B", checkIn: "2027-01-12", checkOut: "2027-01-14", nights: 2, totalCents: 16000, currency: "USD" },
    ]);
  });

  it("offers only units that fit the party, cheapest first, when the unit itself cannot", () => {
    // Three guests never fit A, on any date: B then C for the same dates.
    const ctx = context([]);
    expect(findAlternatives(ctx, "A", { checkIn: "2027-01-12", checkOut: "2027-01-14", guests: 3 }).map((a) => [a.unitId, a.totalCents])).toEqual([
      ["B", 16000],
      ["C", 24000],
    ]);
  });

  it("never offers a stay in the past and stays within 14 days", () => {
    // A taken Jan 1 - Feb 1: nothing on A within 14 days of Jan 2-4; B and C are free.
    const ctx = context([{ id: "b1", unitId: "A", start: "2027-01-01", end: "2027-02-01", turnoverDays: 0, kind: "booking" }]);
    const offered = findAlternatives(ctx, "A", { checkIn: "2027-01-02", checkOut: "2027-01-04" });
    expect(offered.map((a) => a.unitId)).toEqual(["B", "C"]);
  });
});

describe("evaluateStay with the owner's waiveRules", () => {
  // A property-wide minimum of 7 nights and Saturday-only check-in; Jan 12 2027 is a Tuesday.
  const rules = [
    { unitId: null, category: null, startDate: null, endDate: null, recursAnnually: true, minNights: 7, maxNights: null, checkInWeekdays: [6], bookingHorizonMonths: null, sameDayCutoffHour: null },
  ];
  const withRules = (stays: StayContext["stays"]): StayContext => ({ ...context(stays), rules });

  it("books past the property's rules, priced as usual", () => {
    const ctx = withRules([]);
    expect(evaluateStay(ctx, ctx.units[1]!, { checkIn: "2027-01-12", checkOut: "2027-01-14" })).toMatchObject({ ok: false, refusal: { rule: "CHECKIN_WEEKDAY" } });
    // 2 nights x 8000 on B.
    expect(evaluateStay(ctx, ctx.units[1]!, { checkIn: "2027-01-12", checkOut: "2027-01-14" }, { waiveRules: true })).toMatchObject({ ok: true, quote: { totalCents: 16000 } });
  });

  it("never waives taken nights, the party or the past", () => {
    const ctx = withRules([{ id: "b1", unitId: "B", start: "2027-01-13", end: "2027-01-20", turnoverDays: 0, kind: "booking" }]);
    const waive = { waiveRules: true };
    expect(evaluateStay(ctx, ctx.units[1]!, { checkIn: "2027-01-12", checkOut: "2027-01-14" }, waive)).toMatchObject({ refusal: { rule: "UNAVAILABLE" } });
    expect(evaluateStay(ctx, ctx.units[0]!, { checkIn: "2027-01-12", checkOut: "2027-01-14", guests: 3 }, waive)).toMatchObject({ refusal: { rule: "CAPACITY" } });
    expect(evaluateStay(ctx, ctx.units[0]!, { checkIn: "2027-01-12", checkOut: "2027-01-14", pets: 1 }, waive)).toMatchObject({ refusal: { rule: "PETS" } });
    expect(evaluateStay(ctx, ctx.units[0]!, { checkIn: "2026-12-30", checkOut: "2027-01-02" }, waive)).toMatchObject({ refusal: { rule: "PAST" } });
  });
});
