import { z } from "zod";
import { cancellationPolicyView } from "@/lib/api/schemas/cancellation";
import { customer, isoDate } from "@/lib/api/schemas/common";

export const checkoutBody = z
  .strictObject({
    holdId: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, { message: "Expected a hold id." }),
    customer,
  })
  .meta({
    id: "CheckoutRequest",
    description: "Starts payment of an active hold for this guest.",
    example: {
      holdId: "cmhold000000000000000000",
      customer: { firstName: "Ana", lastName: "Rivera", email: "ana@example.com", phone: "+1 239 555 0100" },
    },
  });

export const checkoutResponse = z
  .strictObject({
    holdId: z.string(),
    unitId: z.string().meta({ description: "The held unit's id." }),
    checkIn: isoDate,
    checkOut: isoDate,
    guests: z.int().nullable().meta({ description: "The party on the hold (null only for holds placed before party size was recorded)." }),
    pets: z.int(),
    clientSecret: z.string().meta({ description: "Hand to Stripe's Payment Element to collect the payment." }),
    paymentIntentId: z.string(),
    amountCents: z.number().int().meta({ description: "What the guest pays, in cents, taxes included, re-priced on the server." }),
    currency: z.string().meta({ example: "USD" }),
    expiresAt: z.iso.datetime().meta({ description: "When the hold lapses; pay before then." }),
    cancellationPolicy: cancellationPolicyView.meta({
      description: "The cancellation terms this stay is sold under; show them before payment. The booking keeps them.",
    }),
  })
  .meta({
    id: "Checkout",
    description: "The hold's one Stripe PaymentIntent; calling checkout again returns the same one.",
    example: {
      holdId: "cmhold000000000000000000",
      unitId: "cmunit000000000000000000",
      checkIn: "2027-01-10",
      checkOut: "2027-01-17",
      guests: 2,
      pets: 0,
      clientSecret: "pi_3Q0000000000000000000000_secret_0000000000000000000000000",
      paymentIntentId: "pi_3Q0000000000000000000000",
      amountCents: 70000,
      currency: "USD",
      expiresAt: "2027-01-02T15:15:00.000Z",
      cancellationPolicy: {
        name: "Standard",
        summary: [
          "Refund of 50% of the nightly charges plus all fees and taxes if you cancel before Jan 10, 2027 at 3:00 PM EST.",
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
