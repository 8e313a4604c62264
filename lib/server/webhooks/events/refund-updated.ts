import "server-only";
import type Stripe from "stripe";
import { prisma } from "@/lib/server/db/client";
import { withSerializableRetry } from "@/lib/server/db/with-serializable-retry";
import { withRowLock } from "@/lib/server/db/with-row-lock";
import { logger } from "@/lib/server/logger";
import { lockBookingRow } from "@/lib/server/refunds/record-refund";
import { intentIdOf, reconcileStripeRefund } from "@/lib/server/refunds/reconcile-stripe-refund";
import { recordStripeEvent, type EventOutcome } from "@/lib/server/webhooks/record-event";

/**
 * A refund changed status (typically pending -> succeeded, or -> failed when the card can no
 * longer take it). A failed refund of a booking is flagged for the owner (needsAttention) and its
 * amount becomes refundable again, once however often the event is delivered.
 */
export async function handleRefundUpdated(event: Stripe.RefundUpdatedEvent): Promise<EventOutcome> {
  const refund = event.data.object;
  const intentId = intentIdOf(refund.payment_intent);
  const payment = intentId ? await prisma.payment.findUnique({ where: { stripeIntentId: intentId }, select: { bookingId: true } }) : null;
  if (!payment) {
    const first = await withSerializableRetry((tx) => recordStripeEvent(tx, event));
    if (first && (refund.status === "failed" || refund.status === "canceled")) {
      // The automatic refund of a payment that could not be booked: the guest has not got the money back.
      logger.error({ stripeEventId: event.id, stripeRefundId: refund.id, paymentIntentId: intentId, failureReason: refund.failure_reason }, "refund failed for a payment with no booking; owner must act");
    }
    return first ? "ignored" : "duplicate";
  }
  // Serialised by the booking's row lock (READ COMMITTED): a second event about the same refund
  // waits, then finds the row the first one wrote.
  return withRowLock(async (tx) => {
    await lockBookingRow(tx, payment.bookingId);
    if (!(await recordStripeEvent(tx, event))) return "duplicate";
    await reconcileStripeRefund(tx, payment.bookingId, refund);
    return "reconciled";
  });
}
