import "server-only";
import type { BookingRefund } from "@prisma/client";
import Stripe from "stripe";
import { prisma } from "@/lib/server/db/client";
import { withRowLock } from "@/lib/server/db/with-row-lock";
import { logger } from "@/lib/server/logger";
import { getStripe } from "@/lib/server/stripe";
import { applyRefundStatus, markRefundRefused } from "./apply-refund-status";

// Phase 2 of a booking refund: the Stripe call, outside any database transaction, with the
// idempotency key recorded in phase 1 (booking id + the refund's sequence number). Every retry
// (the caller's, a repeated cancel, the resume-refunds job) sends the very same request, so Stripe
// replays the first refund instead of making a second one.

/** The Stripe call alone, from the recorded decision. Does not record the answer. */
export async function sendRefundToStripe(refund: BookingRefund, paymentIntentId: string): Promise<Stripe.Refund> {
  return getStripe().refunds.create(
    {
      payment_intent: paymentIntentId,
      amount: refund.amountCents,
      reason: "requested_by_customer",
      metadata: { bookingId: refund.bookingId, bookingRefundId: refund.id, sequence: String(refund.sequence) },
    },
    { idempotencyKey: refund.idempotencyKey },
  );
}

/**
 * Sends a recorded refund decision to Stripe and records the answer. Never throws for a Stripe
 * failure: a refusal (4xx) marks the refund FAILED and flags it for the owner; anything else
 * (network, 5xx, a concurrent request with the same key) leaves it PENDING for the next attempt.
 */
export async function submitRefund(refundId: string): Promise<BookingRefund> {
  const refund = await prisma.bookingRefund.findUniqueOrThrow({
    where: { id: refundId },
    include: { booking: { select: { payment: { select: { stripeIntentId: true } } } } },
  });
  const { booking, ...row } = refund;
  if (row.status !== "PENDING" || row.stripeRefundId) return row;
  const paymentIntentId = booking.payment?.stripeIntentId;
  if (!paymentIntentId) {
    await withRowLock((tx) => markRefundRefused(tx, row, "no_card_payment"));
    return prisma.bookingRefund.findUniqueOrThrow({ where: { id: refundId } });
  }

  let created: Stripe.Refund;
  try {
    created = await sendRefundToStripe(row, paymentIntentId);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError) {
      // Stripe refused and made no refund (e.g. already refunded in the dashboard): give the
      // amount back to what is refundable and tell the owner.
      await withRowLock((tx) => markRefundRefused(tx, row, error.code ?? "invalid_request"));
      logger.error({ err: error, bookingId: row.bookingId, bookingRefundId: row.id }, "Stripe refused a refund; flagged for the owner");
    } else {
      logger.warn({ err: error, bookingId: row.bookingId, bookingRefundId: row.id }, "refund not confirmed by Stripe yet; will be resumed");
    }
    return prisma.bookingRefund.findUniqueOrThrow({ where: { id: refundId } });
  }

  await withRowLock(async (tx) => {
    const current = await tx.bookingRefund.findUniqueOrThrow({ where: { id: refundId } });
    await applyRefundStatus(tx, current, created);
  });
  logger.info(
    { bookingId: row.bookingId, bookingRefundId: row.id, stripeRefundId: created.id, amountCents: row.amountCents },
    "refund sent to Stripe",
  );
  return prisma.bookingRefund.findUniqueOrThrow({ where: { id: refundId } });
}
