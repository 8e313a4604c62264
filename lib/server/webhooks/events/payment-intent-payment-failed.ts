import "server-only";
import type Stripe from "stripe";
import { withSerializableRetry } from "@/lib/server/db/with-serializable-retry";
import { logger } from "@/lib/server/logger";
import { recordStripeEvent, type EventOutcome } from "@/lib/server/webhooks/record-event";

/**
 * A declined or failed payment attempt. Nothing changes: the hold keeps the nights until it
 * expires, so the guest can retry with another card on the same PaymentIntent. Logged once per
 * event (a redelivery is recognised and not logged again).
 */
export async function handlePaymentIntentPaymentFailed(event: Stripe.PaymentIntentPaymentFailedEvent): Promise<EventOutcome> {
  const intent = event.data.object;
  const first = await withSerializableRetry((tx) => recordStripeEvent(tx, event));
  if (!first) return "duplicate";
  logger.warn(
    {
      stripeEventId: event.id,
      paymentIntentId: intent.id,
      holdId: intent.metadata?.holdId,
      failureCode: intent.last_payment_error?.code,
      declineCode: intent.last_payment_error?.decline_code,
    },
    "payment failed; the hold stays until it expires",
  );
  return "logged";
}
