import "server-only";
import type { RefundStatus } from "@prisma/client";
import type Stripe from "stripe";
import type { Tx } from "@/lib/server/db/client";
import { logger } from "@/lib/server/logger";

/** Stripe's refund status in ours. */
export function refundStatusOf(status: Stripe.Refund["status"]): RefundStatus {
  if (status === "succeeded") return "SUCCEEDED";
  if (status === "failed" || status === "canceled") return "FAILED";
  return "PROCESSING"; // pending, requires_action
}

/**
 * Brings one BookingRefund row in line with Stripe's refund object. A refund that fails gives its
 * amount back to what is refundable (the money never left) exactly once, and is flagged for the
 * owner. Safe to repeat: a row already FAILED is never released twice.
 */
export async function applyRefundStatus(
  tx: Tx,
  row: { id: string; bookingId: string; amountCents: number; status: RefundStatus },
  refund: Pick<Stripe.Refund, "id" | "status" | "failure_reason">,
): Promise<RefundStatus> {
  const status = refundStatusOf(refund.status);
  if (row.status === "FAILED") {
    // Final on our side; only attach the id if we never learned it.
    await tx.bookingRefund.updateMany({ where: { id: row.id, stripeRefundId: null }, data: { stripeRefundId: refund.id } });
    return "FAILED";
  }
  if (status === "FAILED") {
    const { count } = await tx.bookingRefund.updateMany({
      where: { id: row.id, status: { not: "FAILED" } },
      data: { status, stripeRefundId: refund.id, failureReason: refund.failure_reason ?? refund.status ?? "failed", needsAttention: true },
    });
    if (count === 1) {
      await tx.booking.update({ where: { id: row.bookingId }, data: { refundedCents: { decrement: row.amountCents } } });
      logger.error(
        { bookingId: row.bookingId, bookingRefundId: row.id, stripeRefundId: refund.id, failureReason: refund.failure_reason },
        "refund failed at Stripe; flagged for the owner",
      );
    }
    return status;
  }
  // Events can arrive out of order: a settled refund never goes back to processing.
  const next = row.status === "SUCCEEDED" ? "SUCCEEDED" : status;
  await tx.bookingRefund.update({ where: { id: row.id }, data: { status: next, stripeRefundId: refund.id } });
  return next;
}

/** Marks a refund Stripe refused outright (never created) as failed, releasing its amount once. */
export async function markRefundRefused(
  tx: Tx,
  row: { id: string; bookingId: string; amountCents: number },
  failureReason: string,
): Promise<void> {
  const { count } = await tx.bookingRefund.updateMany({
    where: { id: row.id, status: "PENDING", stripeRefundId: null },
    data: { status: "FAILED", failureReason, needsAttention: true },
  });
  if (count === 1) {
    await tx.booking.update({ where: { id: row.bookingId }, data: { refundedCents: { decrement: row.amountCents } } });
  }
}
