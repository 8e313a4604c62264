import "server-only";
import type Stripe from "stripe";
import { prisma } from "@/lib/server/db/client";
import { withSerializableRetry } from "@/lib/server/db/with-serializable-retry";
import { withRowLock } from "@/lib/server/db/with-row-lock";
import { logger } from "@/lib/server/logger";
import { lockBookingRow } from "@/lib/server/refunds/record-refund";
import { intentIdOf, reconcileStripeRefund } from "@/lib/server/refunds/reconcile-stripe-refund";
import { getStripe } from "@/lib/server/stripe";
import { recordStripeEvent, type EventOutcome } from "@/lib/server/webhooks/record-event";

/**
 * A charge was refunded, by us or in the Stripe dashboard. The event's charge does not list its
 * refunds (not expanded since API version 2022-11-15), so the refunds of its PaymentIntent are
 * read from Stripe first, outside any transaction; then one transaction under the booking's row
 * lock records each refund once and marks the event applied. A payment that never became a
 * booking (the automatic refund, someone else's charge) is left alone.
 */
export async function handleChargeRefunded(event: Stripe.ChargeRefundedEvent): Promise<EventOutcome> {
  const charge = event.data.object;
  const intentId = intentIdOf(charge.payment_intent);
  const payment = intentId ? await prisma.payment.findUnique({ where: { stripeIntentId: intentId }, select: { bookingId: true } }) : null;
  if (!intentId || !payment) {
    const first = await withSerializableRetry((tx) => recordStripeEvent(tx, event));
    return first ? "ignored" : "duplicate";
  }
  if (await prisma.stripeEvent.findUnique({ where: { id: event.id }, select: { id: true } })) return "duplicate";

  const refunds = await getStripe().refunds.list({ payment_intent: intentId, limit: 100 });
  // Serialised by the booking's row lock (READ COMMITTED): a second event about the same refund
  // waits, then finds the row the first one wrote.
  return withRowLock(async (tx) => {
    await lockBookingRow(tx, payment.bookingId);
    if (!(await recordStripeEvent(tx, event))) return "duplicate";
    for (const refund of refunds.data) await reconcileStripeRefund(tx, payment.bookingId, refund);
    logger.info({ stripeEventId: event.id, bookingId: payment.bookingId, amountRefunded: charge.amount_refunded }, "charge refunded; refunds reconciled");
    return "reconciled";
  });
}
