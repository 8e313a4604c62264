import { z } from "zod";

// Documentation only: the route verifies the signature over the raw bytes and never parses the
// body with this schema (re-serialised JSON would not match the signature).
export const stripeEventEnvelope = z
  .looseObject({
    id: z.string().meta({ description: "Stripe's event id (evt_...); each is applied at most once." }),
    object: z.literal("event"),
    type: z.string().meta({ description: "payment_intent.succeeded and payment_intent.payment_failed are acted on; others are acknowledged and ignored." }),
    created: z.number().int(),
    data: z.looseObject({ object: z.looseObject({ id: z.string(), object: z.string() }) }),
  })
  .meta({
    id: "StripeEvent",
    description: "A Stripe webhook event, sent by Stripe with a Stripe-Signature header.",
    example: {
      id: "evt_1Q0000000000000000000000",
      object: "event",
      type: "payment_intent.succeeded",
      created: 1798761600,
      data: { object: { id: "pi_3Q0000000000000000000000", object: "payment_intent" } },
    },
  });

export const stripeWebhookResponse = z
  .strictObject({
    received: z.literal(true),
    outcome: z.enum(["booked", "refunded", "duplicate", "logged", "ignored", "reconciled"]).meta({
      description: "reconciled: a refund event (charge.refunded, refund.updated) brought the booking's refunds in line with Stripe.",
    }),
  })
  .meta({
    id: "StripeWebhookAck",
    description: "The event was applied (or was already applied, or is of a type this app ignores).",
    example: { received: true, outcome: "booked" },
  });

/**
 * Stripe's events are not ours to size: a PaymentIntent event is a few KB, but refusing a larger
 * one would make Stripe redeliver it forever. The signature check bounds the work.
 */
export const STRIPE_WEBHOOK_MAX_BODY_BYTES = 512 * 1024;
