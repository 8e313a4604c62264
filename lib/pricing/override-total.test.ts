import { describe, expect, it } from "vitest";
import { OverrideTooLowError, overrideTotal } from "./override-total";
import type { Quote } from "./price-stay";

// 3 nights at $100.00 with 10% off one night ($10.00), the $40.00 cleaning fee and 12% tax on
// (300.00 - 10.00 + 40.00) = $39.60: 300.00 - 10.00 + 40.00 + 39.60 = $369.60.
const QUOTE: Quote = {
  nights: 3,
  baseCents: 30_000,
  discountCents: 1_000,
  feesCents: 4_000,
  taxCents: 3_960,
  totalCents: 36_960,
  currency: "USD",
  lineItems: [
    { label: "Nightly × 3 (3 nights)", amountCents: 30_000, kind: "base" },
    { label: "Nov Discount (10% off 1 night)", amountCents: -1_000, kind: "discount" },
    { label: "Cleaning Fee", amountCents: 4_000, kind: "fee" },
    { label: "Tax (12%)", amountCents: 3_960, kind: "tax" },
  ],
  taxLines: [{ name: "Tax", rateBps: 1_200, taxableCents: 33_000, amountCents: 3_960 }],
};

const splitTotal = (q: Quote) => q.baseCents - q.discountCents + q.feesCents + q.taxCents;
const lineTotal = (q: Quote) => q.lineItems.reduce((sum, item) => sum + item.amountCents, 0);

describe("overrideTotal", () => {
  it("books a lower total as one more discount line before the fees", () => {
    // $369.60 down to $300.00: an adjustment of -$69.60; discount 1 000 + 6 960 = 7 960.
    const q = overrideTotal(QUOTE, 30_000);
    expect(q.lineItems.map((l) => [l.label, l.amountCents, l.kind])).toEqual([
      ["Nightly × 3 (3 nights)", 30_000, "base"],
      ["Nov Discount (10% off 1 night)", -1_000, "discount"],
      ["Owner adjustment", -6_960, "discount"],
      ["Cleaning Fee", 4_000, "fee"],
      ["Tax (12%)", 3_960, "tax"],
    ]);
    expect([q.baseCents, q.discountCents, q.feesCents, q.taxCents, q.totalCents]).toEqual([30_000, 7_960, 4_000, 3_960, 30_000]);
  });

  it("books a higher total as one more nightly line", () => {
    // $369.60 up to $400.00: +$30.40 of nightly charge; base 30 000 + 3 040 = 33 040.
    const q = overrideTotal(QUOTE, 40_000);
    expect(q.lineItems[2]).toEqual({ label: "Owner adjustment", amountCents: 3_040, kind: "base" });
    expect([q.baseCents, q.discountCents, q.totalCents]).toEqual([33_040, 1_000, 40_000]);
  });

  it("keeps base - discount + fees + tax and the sum of the lines equal to the new total", () => {
    for (const total of [7_960, 7_961, 20_000, 36_959, 36_961, 1_000_000]) {
      const q = overrideTotal(QUOTE, total);
      expect(splitTotal(q)).toBe(total);
      expect(lineTotal(q)).toBe(total);
      expect(q.taxLines).toEqual(QUOTE.taxLines);
    }
  });

  it("returns the engine's quote unchanged when the total is the engine's", () => {
    expect(overrideTotal(QUOTE, 36_960)).toBe(QUOTE);
  });

  it("refuses a total below the fees and taxes, naming that minimum", () => {
    // Fees 4 000 + taxes 3 960 = 7 960 is the lowest total.
    expect(() => overrideTotal(QUOTE, 7_959)).toThrow(OverrideTooLowError);
    try {
      overrideTotal(QUOTE, 0);
    } catch (error) {
      expect((error as OverrideTooLowError).minimumCents).toBe(7_960);
    }
  });
});
