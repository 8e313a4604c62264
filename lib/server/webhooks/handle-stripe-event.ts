import "server-only";
import type Stripe from "stripe";
import { handlePaymentIntentPaymentFailed } from "@/lib/server/webhooks/events/payment-intent-payment-failed";
import { handlePaymentIntentSucceeded } from "@/lib/server/webhooks/events/payment-intent-succeeded";
import { handleChargeRefunded } from "@/lib/server/webhooks/events/charge-refunded";
import { handleRefundUpdated } from "@/lib/server/webhooks/events/refund-updated";
import type { EventOutcome } from "@/lib/server/webhooks/record-event";
import { kickOutbox } from "@/lib/server/notifications/kick-outbox";

type Handlers = { [T in Stripe.Event["type"]]?: (event: Extract<Stripe.Event, { type: T }>) => Promise<EventOutcome> };

// Allow-list: only these event types do anything; every other type is answered 200 and ignored,
// so adding an event in the Stripe dashboard can never trigger unplanned effects.
const handlers: Handlers = {
  "payment_intent.succeeded": handlePaymentIntentSucceeded,
  "payment_intent.payment_failed": handlePaymentIntentPaymentFailed,
  "charge.refunded": handleChargeRefunded,
  "refund.updated": handleRefundUpdated,
};

/**
 * Applies one verified Stripe event. Each handler records the event id in the same transaction
 * as its effects, so a redelivered event is recognised and changes nothing. Any failure throws:
 * the route answers 5xx, nothing is recorded, and Stripe delivers the event again.
 */
export async function handleStripeEvent(event: Stripe.Event): Promise<EventOutcome> {
  const handler = handlers[event.type] as ((event: Stripe.Event) => Promise<EventOutcome>) | undefined;
  if (!handler) return "ignored";
  const outcome = await handler(event);
  // A booking or refund queues emails in its transaction; deliver them now.
  if (outcome === "booked" || outcome === "refunded") kickOutbox();
  return outcome;
}
