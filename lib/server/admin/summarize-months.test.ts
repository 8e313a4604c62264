import { describe, expect, it } from "vitest";
import { daysInMonth, monthStarts, summarizeMonths } from "./summarize-months";

describe("monthStarts", () => {
  it("counts months across a year end", () => {
    expect(monthStarts("2030-11-17", 4)).toEqual(["2030-11-01", "2030-12-01", "2031-01-01", "2031-02-01"]);
  });
});

describe("daysInMonth", () => {
  it.each([
    ["2030-01-01", 31],
    ["2030-02-01", 28],
    ["2032-02-01", 29], // leap year
    ["2030-04-01", 30],
    ["2030-12-01", 31],
  ])("%s has %i days", (month, days) => {
    expect(daysInMonth(month)).toBe(days);
  });
});

describe("summarizeMonths", () => {
  it("works out occupancy and average daily rate by hand", () => {
    // 11 units × 30 days of April = 330 nights available; 99 sold → 30%.
    // Revenue $12,345.67 over 99 nights → 1,234,567 / 99 = 12,470.37… → 12,470 cents ADR.
    // May: 11 × 31 = 341 available, nothing sold → 0%, ADR null.
    const [april, may] = summarizeMonths(["2031-04-01", "2031-05-01"], 11, [{ month: "2031-04-01", nights: 99, revenueCents: 1_234_567 }]);
    expect(april).toEqual({ month: "2031-04-01", nightsSold: 99, nightsAvailable: 330, occupancyPct: 30, revenueCents: 1_234_567, adrCents: 12_470 });
    expect(may).toEqual({ month: "2031-05-01", nightsSold: 0, nightsAvailable: 341, occupancyPct: 0, revenueCents: 0, adrCents: null });
  });

  it("rounds occupancy half up", () => {
    // 1 unit × 30 nights; 1 night sold = 3.33…% → 3; 5 nights = 16.66…% → 17; 9 nights = 30%.
    // 3 units × 30 = 90 nights, 45 sold = 50%; 2 units × 28 (Feb 2031) = 56, 7 sold = 12.5% → 13.
    const pct = (units: number, month: string, nights: number) => summarizeMonths([month], units, [{ month, nights, revenueCents: 0 }])[0]!.occupancyPct;
    expect(pct(1, "2031-06-01", 1)).toBe(3);
    expect(pct(1, "2031-06-01", 5)).toBe(17);
    expect(pct(3, "2031-06-01", 45)).toBe(50);
    expect(pct(2, "2031-02-01", 7)).toBe(13);
  });

  it("answers zero occupancy when there are no units", () => {
    expect(summarizeMonths(["2031-06-01"], 0, [])[0]).toMatchObject({ nightsAvailable: 0, occupancyPct: 0 });
  });
});
