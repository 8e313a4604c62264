import { z } from "zod";
import { cancellationPolicyView } from "@/lib/api/schemas/cancellation";
import { cleanText } from "@/lib/api/schemas/common";

const bookingId = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, { message: "Expected a booking id." });
const cents = z.int().min(0).max(100_000_000);

export const bookingIdParams = z.strictObject({ id: bookingId });

export const cancelBookingBody = z
  .strictObject({
    bookingId,
    reason: z.string().check(cleanText({ multiline: true })).trim().min(1).max(500).optional().meta({ description: "Kept on the booking for the owner." }),
    actor: z.enum(["guest", "chatbot"]).optional().meta({
      description: "Who is cancelling, with the service key (default guest). With the owner key the actor is always the owner.",
    }),
    refundCents: cents.optional().meta({
      description: "Owner key only: refund exactly this (0 up to what remains refundable) instead of what the policy gives.",
    }),
  })
  .meta({
    id: "CancelBookingRequest",
    description:
      "Cancels a confirmed booking; its nights become available at once and the refund its cancellation policy gives now is sent to the card.",
    example: { bookingId: "cmbook000000000000000000", reason: "Guest changed plans", actor: "chatbot" },
  });

export const refundView = z
  .strictObject({
    id: z.string(),
    sequence: z.int().meta({ description: "1, 2, ... per booking." }),
    amountCents: z.int(),
    currency: z.string(),
    kind: z.enum(["cancellation", "owner", "dashboard"]).meta({ description: "dashboard: made in Stripe's dashboard and recorded from its webhook." }),
    status: z.enum(["pending", "processing", "succeeded", "failed"]).meta({
      description: "pending: decided, not yet confirmed by Stripe (retried automatically); failed: the owner has been flagged.",
    }),
    requestedBy: z.enum(["guest", "owner", "chatbot"]).nullable(),
    reason: z.string().nullable(),
    requestedAt: z.iso.datetime(),
    failureReason: z.string().nullable(),
  })
  .meta({ id: "Refund" });

export const refundQuoteView = z
  .strictObject({
    refundCents: z.int().meta({ description: "What the cancellation refunds (nightly part + fees and taxes part, capped at refundableCents)." }),
    rule: z.enum(["grace", "tier", "after_arrival", "owner", "already_cancelled"]),
    refundPct: z.int().nullable().meta({ description: "Percentage of the nightly charges (null when the owner set the amount)." }),
    nightlyRefundCents: z.int().nullable(),
    feesAndTaxesRefundCents: z.int().nullable(),
    refundableCents: z.int().meta({ description: "Captured minus refunds already made, before this cancellation." }),
    currency: z.string(),
  })
  .meta({ id: "RefundQuote" });

export const cancelBookingResponse = z
  .strictObject({
    bookingId: z.string(),
    status: z.enum(["CONFIRMED", "CANCELLED"]),
    cancelledAt: z.iso.datetime().nullable(),
    cancelledBy: z.enum(["guest", "owner", "chatbot"]).nullable(),
    cancelReason: z.string().nullable(),
    changed: z.boolean().meta({ description: "False when the booking was already cancelled (nothing changed)." }),
    refund: refundView.nullable().meta({ description: "The cancellation's refund; null when it refunds nothing." }),
    refundedCents: z.int().meta({ description: "All refunds of this booking that have not failed, in cents." }),
    quote: refundQuoteView.nullable().meta({ description: "How the refund was worked out (only when this call cancelled)." }),
  })
  .meta({
    id: "CancelledBooking",
    description: "The booking after cancellation.",
    example: {
      bookingId: "cmbook000000000000000000",
      status: "CANCELLED",
      cancelledAt: "2027-01-02T15:00:00.000Z",
      cancelledBy: "guest",
      cancelReason: "Guest changed plans",
      changed: true,
      refund: {
        id: "cmrefund0000000000000000",
        sequence: 1,
        amountCents: 79000,
        currency: "USD",
        kind: "cancellation",
        status: "succeeded",
        requestedBy: "guest",
        reason: "Guest changed plans",
        requestedAt: "2027-01-02T15:00:00.000Z",
        failureReason: null,
      },
      refundedCents: 79000,
      quote: {
        refundCents: 79000,
        rule: "tier",
        refundPct: 50,
        nightlyRefundCents: 75000,
        feesAndTaxesRefundCents: 4000,
        refundableCents: 154000,
        currency: "USD",
      },
    },
  });

export const cancellationQuoteResponse = z
  .strictObject({
    bookingId: z.string(),
    status: z.enum(["CONFIRMED", "CANCELLED"]),
    cancellable: z.boolean(),
    asOf: z.iso.datetime().meta({ description: "The instant the refund was computed for." }),
    quote: refundQuoteView,
    cancellationPolicy: cancellationPolicyView.meta({ description: "The policy the booking was sold under (its snapshot)." }),
  })
  .meta({
    id: "CancellationQuote",
    description: "What cancelling now would refund. Nothing is changed.",
  });

export const refundBookingBody = z
  .strictObject({
    amountCents: cents.min(1).meta({ description: "At most what remains refundable on the booking." }),
    reason: z.string().check(cleanText({ multiline: true })).trim().min(1).max(500).optional(),
  })
  .meta({ id: "RefundBookingRequest", example: { amountCents: 15000, reason: "Damage deposit returned" } });

export const refundBookingResponse = z
  .strictObject({
    bookingId: z.string(),
    refund: refundView,
  })
  .meta({ id: "BookingRefund" });

export const lookupBookingBody = z
  .strictObject({
    code: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .meta({ description: "The booking code from the confirmation (PAC-XXXXXX; case, spaces and the PAC- prefix are optional)." }),
    email: z.email({ message: "Expected a valid email address." }).max(254).transform((e) => e.toLowerCase()),
  })
  .meta({
    id: "LookupBookingRequest",
    description: "Finds a booking by its code and the guest's email. Both must match.",
    example: { code: "PAC-7KX3MQ", email: "ana@example.com" },
  });

export const lookupBookingResponse = z
  .strictObject({
    bookingId: z.string().meta({ description: "For the other booking routes (e.g. cancel)." }),
    code: z.string().meta({ example: "PAC-7KX3MQ" }),
    status: z.enum(["CONFIRMED", "CANCELLED"]),
    unit: z.strictObject({ name: z.string(), slug: z.string() }),
    checkIn: z.string().meta({ format: "date" }),
    checkOut: z.string().meta({ format: "date" }),
    nights: z.number().int(),
    guestName: z.string(),
    totalCents: z.number().int(),
    currency: z.string(),
    manageUrl: z.url().meta({ description: "A fresh manage-my-booking link for the guest (a secret: give it only to them)." }),
  })
  .meta({
    id: "BookingLookup",
    description: "The booking and a link where its guest can view it, download the calendar file and receipt, and cancel.",
    example: {
      bookingId: "cm5book0essex0feb27000001",
      code: "PAC-7KX3MQ",
      status: "CONFIRMED",
      unit: { name: "Essex", slug: "essex" },
      checkIn: "2027-02-01",
      checkOut: "2027-02-05",
      nights: 4,
      guestName: "Ana Rivera",
      totalCents: 64000,
      currency: "USD",
      manageUrl: "https://palmairecourt.com/bookings/manage/3q2-7wFZkHn1yT1zN0v8XWb9d2tQe6fU5aLrKxJmCpo",
    },
  });
