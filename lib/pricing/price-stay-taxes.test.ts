import { describe, expect, it } from "vitest";
import { priceStay, type FeeData, type LineItem, type RatePlanData, type SeasonData, type TaxData, type TaxLine } from "./price-stay";

// Taxes, pets and fees in priceStay. Every expected figure is worked out by hand in the comments.
// PLAN: nightly $100.00, weekly $600.00, monthly $2,000.00, 4-month $6,000.00.
const PLAN: RatePlanData = { nightly: 10000, weekly: 60000, monthly: 200000, fourMonth: 600000, currency: "USD" };
const NOV: SeasonData = { name: "Nov Discount", startDate: "2026-11-01", endDate: "2026-11-30", discountPct: 10, recursAnnually: true };
const CLEANING: FeeData = { name: "Cleaning Fee", amount: 4000, perStay: true };
const PET: FeeData = { name: "Pet Fee", amount: 2500, perStay: true, appliesTo: "PET" };
const PARKING: FeeData = { name: "Parking", amount: 333, perStay: false }; // per night, not taxed by the taxes below

const tax = (name: string, rateBps: number, extra: Partial<TaxData> = {}): TaxData => ({
  name,
  rateBps,
  appliesToNightly: true,
  appliesToFees: ["Cleaning Fee", "Pet Fee"],
  maxStayNights: 182,
  effectiveFrom: null,
  effectiveTo: null,
  ...extra,
});
const STATE = tax("Florida sales tax", 600);
const SURTAX = tax("County surtax", 100);
const TDT = tax("Tourist development tax", 500);
const FLORIDA = [STATE, SURTAX, TDT];

interface Case {
  name: string;
  seasons?: SeasonData[];
  fees?: FeeData[];
  taxes: TaxData[];
  pets?: number;
  checkIn: string;
  checkOut: string;
  taxLines: TaxLine[];
  feeLines?: LineItem[];
  base: number;
  discount: number;
  feesCents: number;
  taxCents: number;
  total: number;
}

const cases: Case[] = [
  {
    // 3 nights $300 + cleaning $40 = $340 taxable.
    // 6% of 34000 = 2040; 1% = 340; 5% = 1700. Tax 4080. Total 34000 + 4080 = 38080.
    name: "three Florida taxes on nights and cleaning",
    fees: [CLEANING],
    taxes: FLORIDA,
    checkIn: "2027-01-10",
    checkOut: "2027-01-13",
    taxLines: [
      { name: "Florida sales tax", rateBps: 600, taxableCents: 34000, amountCents: 2040 },
      { name: "County surtax", rateBps: 100, taxableCents: 34000, amountCents: 340 },
      { name: "Tourist development tax", rateBps: 500, taxableCents: 34000, amountCents: 1700 },
    ],
    base: 30000,
    discount: 0,
    feesCents: 4000,
    taxCents: 4080,
    total: 38080,
  },
  {
    // A discount lowers the taxable amount: 2 Nov nights $200 - 10% ($20) = $180, + cleaning $40 = $220.
    // 6% of 22000 = 1320. Total 22000 + 1320 = 23320.
    name: "discount lowers the taxable amount",
    seasons: [NOV],
    fees: [CLEANING],
    taxes: [STATE],
    checkIn: "2026-11-10",
    checkOut: "2026-11-12",
    taxLines: [{ name: "Florida sales tax", rateBps: 600, taxableCents: 22000, amountCents: 1320 }],
    base: 20000,
    discount: 2000,
    feesCents: 4000,
    taxCents: 1320,
    total: 23320,
  },
  {
    // Rounding per line, half up: 1 night $100 + $40 = $140; 0.35% (35 bps) of 14000 = 49.0 -> 49;
    // 0.375% is not whole bps, so use 0.0357%... instead 37 bps: 14000 * 37 / 10000 = 51.8 -> 52;
    // 25 bps: 14000 * 25 / 10000 = 35.0 -> 35; 1 bps of 5000 (below) = 0.5 -> 1 (half up).
    name: "each line rounds once, half up",
    fees: [CLEANING],
    taxes: [tax("A", 37), tax("B", 25)],
    checkIn: "2027-02-01",
    checkOut: "2027-02-02",
    taxLines: [
      { name: "A", rateBps: 37, taxableCents: 14000, amountCents: 52 },
      { name: "B", rateBps: 25, taxableCents: 14000, amountCents: 35 },
    ],
    base: 10000,
    discount: 0,
    feesCents: 4000,
    taxCents: 87,
    total: 14087,
  },
  {
    // Exactly half a cent rounds up: taxable $50.00 (no fees, nightly rate $50) at 1 bps = 0.5 cent -> 1.
    name: "half a cent rounds up",
    taxes: [tax("Tiny", 1)],
    checkIn: "2027-02-01",
    checkOut: "2027-02-02",
    taxLines: [{ name: "Tiny", rateBps: 1, taxableCents: 10000, amountCents: 1 }],
    base: 10000,
    discount: 0,
    feesCents: 0,
    taxCents: 1,
    total: 10001,
  },
  {
    // Crossing a rate change: surtax 1% through Dec 31, 1.5% from Jan 1. 4 nights Dec 30 .. Jan 3
    // at $100 (no weekly block for 4 nights). Cleaning counts on the check-in night (Dec 30).
    // Old rate: nights Dec 30, Dec 31 = $200 + cleaning $40 = $240 -> 1% = 240.
    // New rate: nights Jan 1, Jan 2 = $200 -> 1.5% (150 bps) = 300. Tax 540. Total 40000 + 4000 + 540 = 44540.
    name: "stay crossing a tax rate change",
    fees: [CLEANING],
    taxes: [tax("County surtax", 100, { effectiveTo: "2026-12-31" }), tax("County surtax", 150, { effectiveFrom: "2027-01-01" })],
    checkIn: "2026-12-30",
    checkOut: "2027-01-03",
    taxLines: [
      { name: "County surtax", rateBps: 100, taxableCents: 24000, amountCents: 240 },
      { name: "County surtax", rateBps: 150, taxableCents: 20000, amountCents: 300 },
    ],
    base: 40000,
    discount: 0,
    feesCents: 4000,
    taxCents: 540,
    total: 44540,
  },
  {
    // Crossing a rate change inside a weekly block: 7 nights Dec 28 .. Jan 4 = weekly $600, $85.714.../night.
    // Old rate covers Dec 28..31 = 4 nights = 4 * 60000 / 7 = 34285.71 -> 34286 cents taxable; 1% = 342.86 -> 343.
    // New rate covers Jan 1..3 = 3 nights = 25714.29 -> 25714 cents; 2% = 514.28 -> 514. Tax 857.
    name: "rate change splits a weekly block by nights",
    taxes: [tax("Surtax", 100, { effectiveTo: "2026-12-31" }), tax("Surtax", 200, { effectiveFrom: "2027-01-01" })],
    checkIn: "2026-12-28",
    checkOut: "2027-01-04",
    taxLines: [
      { name: "Surtax", rateBps: 100, taxableCents: 34286, amountCents: 343 },
      { name: "Surtax", rateBps: 200, taxableCents: 25714, amountCents: 514 },
    ],
    base: 60000,
    discount: 0,
    feesCents: 0,
    taxCents: 857,
    total: 60857,
  },
  {
    // Exempt: 200 nights > 182. Blocks: 4-month (120) + 2 monthly (60) = 180 nights $6,000 + $4,000,
    // + 20 nights: 2 weeks $1,200 + 6 nights $600 = $1,800. Base 6000+4000+1800 = $11,800 (off-season
    // Dec 1 start runs into May-June but no seasons here). Cleaning $40. No tax at all.
    name: "a 200-night stay is exempt",
    fees: [CLEANING],
    taxes: FLORIDA,
    checkIn: "2026-12-01",
    checkOut: "2027-06-19",
    taxLines: [],
    base: 1180000,
    discount: 0,
    feesCents: 4000,
    taxCents: 0,
    total: 1184000,
  },
  {
    // 182 nights is still transient: 120 + 2*30 = 180 nights $10,000 + 2 nights $200 = $10,200. 6% = 61200.
    name: "a 182-night stay is taxed",
    taxes: [STATE],
    checkIn: "2026-12-01",
    checkOut: "2027-06-01",
    taxLines: [{ name: "Florida sales tax", rateBps: 600, taxableCents: 1020000, amountCents: 61200 }],
    base: 1020000,
    discount: 0,
    feesCents: 0,
    taxCents: 61200,
    total: 1081200,
  },
  {
    // Taxable and non-taxable fees: parking $3.33/night x 2 = $6.66 is not named by the tax.
    // Taxable: nights $200 + cleaning $40 = $240; 6% = 1440. Total 20000 + 4000 + 666 + 1440 = 26106.
    name: "a fee the tax does not name stays untaxed",
    fees: [CLEANING, PARKING],
    taxes: [STATE],
    checkIn: "2027-01-10",
    checkOut: "2027-01-12",
    feeLines: [
      { label: "Cleaning Fee", amountCents: 4000, kind: "fee" },
      { label: "Parking (× 2 nights)", amountCents: 666, kind: "fee" },
    ],
    taxLines: [{ name: "Florida sales tax", rateBps: 600, taxableCents: 24000, amountCents: 1440 }],
    base: 20000,
    discount: 0,
    feesCents: 4666,
    taxCents: 1440,
    total: 26106,
  },
  {
    // A tax on fees only (appliesToNightly false): cleaning $40 at 6% = 240.
    name: "a tax on fees only",
    fees: [CLEANING],
    taxes: [tax("Fee tax", 600, { appliesToNightly: false })],
    checkIn: "2027-01-10",
    checkOut: "2027-01-11",
    taxLines: [{ name: "Fee tax", rateBps: 600, taxableCents: 4000, amountCents: 240 }],
    base: 10000,
    discount: 0,
    feesCents: 4000,
    taxCents: 240,
    total: 14240,
  },
  {
    // Pet fee $25 per pet per stay, 2 pets = $50, taxed: nights $200 + cleaning $40 + pets $50 = $290;
    // 6% = 1740. Total 20000 + 9000 + 1740 = 30740.
    name: "pet fee per pet, taxed",
    fees: [CLEANING, PET],
    taxes: [STATE],
    pets: 2,
    checkIn: "2027-01-10",
    checkOut: "2027-01-12",
    feeLines: [
      { label: "Cleaning Fee", amountCents: 4000, kind: "fee" },
      { label: "Pet Fee × 2 pets", amountCents: 5000, kind: "fee" },
    ],
    taxLines: [{ name: "Florida sales tax", rateBps: 600, taxableCents: 29000, amountCents: 1740 }],
    base: 20000,
    discount: 0,
    feesCents: 9000,
    taxCents: 1740,
    total: 30740,
  },
  {
    // No pets, no pet fee: $200 + $40 = $240, 6% = 1440.
    name: "no pets, no pet fee",
    fees: [CLEANING, PET],
    taxes: [STATE],
    checkIn: "2027-01-10",
    checkOut: "2027-01-12",
    feeLines: [{ label: "Cleaning Fee", amountCents: 4000, kind: "fee" }],
    taxLines: [{ name: "Florida sales tax", rateBps: 600, taxableCents: 24000, amountCents: 1440 }],
    base: 20000,
    discount: 0,
    feesCents: 4000,
    taxCents: 1440,
    total: 25440,
  },
  {
    // A tax whose dates miss the stay leaves no line.
    name: "a tax not yet in effect leaves no line",
    taxes: [tax("Future", 600, { effectiveFrom: "2030-01-01" })],
    checkIn: "2027-01-10",
    checkOut: "2027-01-11",
    taxLines: [],
    base: 10000,
    discount: 0,
    feesCents: 0,
    taxCents: 0,
    total: 10000,
  },
];

describe("priceStay with taxes", () => {
  for (const c of cases) {
    it(c.name, () => {
      const quote = priceStay({
        plan: PLAN,
        seasons: c.seasons ?? [],
        fees: c.fees ?? [],
        taxes: c.taxes,
        pets: c.pets,
        checkIn: c.checkIn,
        checkOut: c.checkOut,
      });
      expect(quote.taxLines).toEqual(c.taxLines);
      expect(quote.baseCents).toBe(c.base);
      expect(quote.discountCents).toBe(c.discount);
      expect(quote.feesCents).toBe(c.feesCents);
      expect(quote.taxCents).toBe(c.taxCents);
      expect(quote.totalCents).toBe(c.total);
      if (c.feeLines) expect(quote.lineItems.filter((l) => l.kind === "fee")).toEqual(c.feeLines);
      // The tax line items carry the same amounts as the tax lines, and all lines add up to the total.
      expect(quote.lineItems.filter((l) => l.kind === "tax").map((l) => l.amountCents)).toEqual(c.taxLines.map((l) => l.amountCents));
      expect(quote.lineItems.reduce((sum, l) => sum + l.amountCents, 0)).toBe(c.total);
    });
  }

  it("labels a tax line with its rate", () => {
    const quote = priceStay({ plan: PLAN, seasons: [], fees: [], taxes: [tax("Surtax", 150)], checkIn: "2027-01-10", checkOut: "2027-01-11" });
    expect(quote.lineItems.at(-1)).toEqual({ label: "Surtax (1.5%)", amountCents: 150, kind: "tax" });
  });

  it("refuses a rate outside 0..10000 bps", () => {
    expect(() => priceStay({ plan: PLAN, seasons: [], fees: [], taxes: [tax("Bad", 10001)], checkIn: "2027-01-10", checkOut: "2027-01-11" })).toThrow(RangeError);
  });
});
