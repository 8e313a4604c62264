import { z } from "zod";
import { cancellationPolicyView } from "@/lib/api/schemas/cancellation";
import { guests, isoDate, pets, unitRef, withStayRules } from "@/lib/api/schemas/common";

// Request and response schemas of POST /api/v1/quote.

export const quoteRequest = withStayRules(
  z.strictObject({
    unitId: unitRef,
    checkIn: isoDate.meta({ description: "Arrival day: the first night of the stay." }),
    checkOut: isoDate.meta({ description: "Departure day: that night is not part of the stay.", example: "2027-01-20" }),
    guests: guests.optional(),
    pets: pets.optional(),
  }),
).meta({
  id: "QuoteRequest",
  description: "A stay of 1 to 365 nights, [checkIn, checkOut), in the property's calendar dates.",
  example: { unitId: "essex", checkIn: "2027-01-10", checkOut: "2027-01-20" },
});

export const quoteLineItem = z
  .object({
    label: z.string(),
    amountCents: z.int().meta({ description: "Negative for discounts." }),
    kind: z.enum(["base", "discount", "fee", "tax"]),
  })
  .meta({ id: "QuoteLineItem" });

export const taxLine = z
  .object({
    name: z.string(),
    rateBps: z.int().meta({ description: "Rate in basis points (600 = 6%)." }),
    taxableCents: z.int().meta({ description: "The nightly charge after discounts plus the taxed fees, for the nights the rate covers." }),
    amountCents: z.int().meta({ description: "taxableCents x rateBps / 10000, rounded half up to the cent, once." }),
  })
  .meta({ id: "TaxLine" });

export const quoteResponse = z
  .object({
    nights: z.int(),
    baseCents: z.int().meta({ description: "Sum of the rate line items, before discounts." }),
    discountCents: z.int().meta({ description: "Total seasonal discount, a positive number." }),
    feesCents: z.int(),
    taxCents: z.int().meta({ description: "Sum of the tax lines." }),
    totalCents: z.int().meta({ description: "baseCents - discountCents + feesCents + taxCents: what the guest pays." }),
    currency: z.string(),
    unit: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
    checkIn: isoDate,
    checkOut: isoDate,
    lineItems: z.array(quoteLineItem).meta({ description: "They add up exactly to totalCents." }),
    taxLines: z.array(taxLine).meta({ description: "Each tax charged; none for a stay longer than the transient limit." }),
    cancellationPolicy: cancellationPolicyView.meta({
      description: "The unit's cancellation policy for this stay, with its actual deadlines (issue #14).",
    }),
  })
  .meta({
    id: "Quote",
    example: {
      nights: 10,
      baseCents: 148500,
      discountCents: 0,
      feesCents: 4000,
      taxCents: 18300,
      totalCents: 170800,
      currency: "USD",
      unit: { id: "cm3x0essex000001", slug: "essex", name: "Essex" },
      checkIn: "2027-01-10",
      checkOut: "2027-01-20",
      lineItems: [
        { label: "Weekly rate × 1 (7 nights)", amountCents: 99000, kind: "base" },
        { label: "Nightly rate × 3 (3 nights)", amountCents: 49500, kind: "base" },
        { label: "Cleaning Fee", amountCents: 4000, kind: "fee" },
        { label: "Florida sales tax (6%)", amountCents: 9150, kind: "tax" },
        { label: "County discretionary surtax (1%)", amountCents: 1525, kind: "tax" },
        { label: "Tourist development tax (5%)", amountCents: 7625, kind: "tax" },
      ],
      taxLines: [
        { name: "Florida sales tax", rateBps: 600, taxableCents: 152500, amountCents: 9150 },
        { name: "County discretionary surtax", rateBps: 100, taxableCents: 152500, amountCents: 1525 },
        { name: "Tourist development tax", rateBps: 500, taxableCents: 152500, amountCents: 7625 },
      ],
      cancellationPolicy: {
        name: "Standard",
        summary: [
          "Full refund if you cancel before Dec 11, 2026 at 3:00 PM EST.",
          "Refund of 50% of the nightly charges plus all fees and taxes if you cancel before Dec 27, 2026 at 3:00 PM EST.",
          "Refund of the fees and taxes only (no nightly charges) if you cancel before Jan 10, 2027 at 3:00 PM EST.",
          "No refund if you cancel after Jan 10, 2027 at 3:00 PM EST.",
        ],
        timeZone: "America/New_York",
        checkInAt: "2027-01-10T20:00:00.000Z",
        deadlines: [
          { before: "2026-12-11T20:00:00.000Z", daysBefore: 30, refundPct: 100, feesAndTaxesRefunded: true },
          { before: "2026-12-27T20:00:00.000Z", daysBefore: 14, refundPct: 50, feesAndTaxesRefunded: true },
          { before: "2027-01-10T20:00:00.000Z", daysBefore: 0, refundPct: 0, feesAndTaxesRefunded: true },
        ],
        gracePeriodHours: 48,
      },
    },
  });

export type QuoteResponse = z.infer<typeof quoteResponse>;
