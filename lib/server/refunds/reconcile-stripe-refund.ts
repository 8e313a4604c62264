import "server-only";
import type Stripe from "stripe";
import type { Tx } from "@/lib/server/db/client";
import { logger } from "@/lib/server/logger";
import { applyRefundStatus, refundStatusOf } from "./apply-refund-status";

/**
 * Records one Stripe refund of a booking's payment, inside a transaction that holds the booking's
 * row lock. Ours (known by id, or by the bookingRefundId we put in its metadata) gets Stripe's
 * status; one we never decided (made in the Stripe dashboard) becomes a DASHBOARD refund, once:
 * stripeRefundId is unique, so a redelivery or a second event about it finds the row.
 */
export async function reconcileStripeRefund(tx: Tx, bookingId: string, refund: Stripe.Refund): Promise<void> {
  const ourId = refund.metadata?.bookingRefundId;
  const row =
    (await tx.bookingRefund.findUnique({ where: { stripeRefundId: refund.id } })) ??
    (ourId ? await tx.bookingRefund.findFirst({ where: { id: ourId, bookingId, stripeRefundId: null } }) : null);
  if (row) {
    await applyRefundStatus(tx, row, refund);
    return;
  }

  const status = refundStatusOf(refund.status);
  const last = await tx.bookingRefund.aggregate({ where: { bookingId }, _max: { sequence: true } });
  const booking = await tx.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { currency: true } });
  // Counted towards refundedCents unless it already failed; the CHECK keeps the sum within what
  // was captured (Stripe itself never refunds more than the charge).
  if (status !== "FAILED") {
    await tx.booking.update({ where: { id: bookingId }, data: { refundedCents: { increment: refund.amount } } });
  }
  await tx.bookingRefund.create({
    data: {
      bookingId,
      sequence: (last._max.sequence ?? 0) + 1,
      amountCents: refund.amount,
      currency: booking.currency,
      kind: "DASHBOARD",
      status,
      requestedBy: null,
      reason: refund.reason ?? "made in the Stripe dashboard",
      // Never sent to Stripe (the refund exists already); unique like every other key.
      idempotencyKey: `stripe:${refund.id}`,
      stripeRefundId: refund.id,
      failureReason: status === "FAILED" ? (refund.failure_reason ?? refund.status) : null,
      needsAttention: status === "FAILED",
      requestedAt: new Date(refund.created * 1000),
    },
  });
  logger.info({ bookingId, stripeRefundId: refund.id, amountCents: refund.amount }, "refund made outside the app recorded");
}

export function intentIdOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}
