import { z } from "zod";

// The cancellation policy as the quote, checkout and cancellation responses state it (issue #14).

export const cancellationPolicyView = z
  .strictObject({
    name: z.string(),
    summary: z.array(z.string()).meta({
      description: "The policy in plain words with the actual dates, exactly as the guest is shown it.",
    }),
    timeZone: z.string().meta({ description: "The property's time zone, in which the deadlines are stated." }),
    checkInAt: z.iso.datetime().meta({ description: "The check-in instant (check-in date at CHECKIN_TIME)." }),
    deadlines: z
      .array(
        z.strictObject({
          before: z.iso.datetime().meta({ description: "Cancel strictly before this instant to get this tier." }),
          daysBefore: z.int(),
          refundPct: z.int().meta({ description: "Percentage of the nightly charges refunded." }),
          feesAndTaxesRefunded: z.boolean().meta({ description: "Fees and taxes refunded in full (before arrival)." }),
        }),
      )
      .meta({ description: "Longest notice first. After the last one (check-in) nothing is refunded." }),
    gracePeriodHours: z.int().nullable().meta({
      description: "Full refund within this many hours of booking when check-in is at least the grace notice away.",
    }),
  })
  .meta({
    id: "CancellationPolicy",
    example: {
      name: "Standard",
      summary: [
        "Full refund if you cancel within 48 hours of booking.",
        "Full refund if you cancel before Mar 2, 2027 at 3:00 PM EST.",
        "Refund of 50% of the nightly charges plus all fees and taxes if you cancel before Mar 18, 2027 at 3:00 PM EDT.",
        "Refund of the fees and taxes only (no nightly charges) if you cancel before Apr 1, 2027 at 3:00 PM EDT.",
        "No refund if you cancel after Apr 1, 2027 at 3:00 PM EDT.",
      ],
      timeZone: "America/New_York",
      checkInAt: "2027-04-01T19:00:00.000Z",
      deadlines: [
        { before: "2027-03-02T20:00:00.000Z", daysBefore: 30, refundPct: 100, feesAndTaxesRefunded: true },
        { before: "2027-03-18T19:00:00.000Z", daysBefore: 14, refundPct: 50, feesAndTaxesRefunded: true },
        { before: "2027-04-01T19:00:00.000Z", daysBefore: 0, refundPct: 0, feesAndTaxesRefunded: true },
      ],
      gracePeriodHours: 48,
    },
  });

export type CancellationPolicyView = z.infer<typeof cancellationPolicyView>;
