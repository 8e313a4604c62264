import "server-only";
import type { BookingRefund, CancelActor, RefundKind } from "@prisma/client";
import type { Tx } from "@/lib/server/db/client";
import { refundTooLarge } from "@/lib/server/errors";

// Phase 1 of every refund of a booking: the decision, recorded inside the caller's transaction.
// The Stripe call (submit-refund.ts) happens only after that transaction commits, with an
// idempotency key taken from this row, so a crash in between is resumed, never doubled or lost.

/** Locks the booking's row until the transaction ends: refunds of one booking queue here. */
export async function lockBookingRow(tx: Tx, bookingId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Booking" WHERE id = ${bookingId} FOR UPDATE`;
  return rows.length === 1;
}

/** What is left to refund: captured minus every refund not failed. 0 without a card payment. */
export function refundableCents(booking: { refundedCents: number; payment: { amountCents: number } | null }): number {
  return Math.max(0, (booking.payment?.amountCents ?? 0) - booking.refundedCents);
}

export function refundIdempotencyKey(bookingId: string, sequence: number): string {
  return `booking-refund:${bookingId}:${sequence}`;
}

/**
 * Records the decision to refund `amountCents` of a booking whose row the caller has locked
 * (lockBookingRow). Checks the amount against what remains refundable inside the transaction;
 * Booking_refunded_within_paid (CHECK refundedCents <= totalCents) is the last word.
 */
export async function recordRefundDecision(
  tx: Tx,
  options: {
    booking: { id: string; currency: string; refundedCents: number; payment: { amountCents: number } | null };
    amountCents: number;
    kind: RefundKind;
    requestedBy: CancelActor | null;
    reason: string | null;
    now: Date;
  },
): Promise<BookingRefund> {
  const { booking, amountCents } = options;
  const refundable = refundableCents(booking);
  if (!Number.isInteger(amountCents) || amountCents <= 0 || amountCents > refundable) throw refundTooLarge(refundable);
  const last = await tx.bookingRefund.aggregate({ where: { bookingId: booking.id }, _max: { sequence: true } });
  const sequence = (last._max.sequence ?? 0) + 1;
  await tx.booking.update({ where: { id: booking.id }, data: { refundedCents: { increment: amountCents } } });
  return tx.bookingRefund.create({
    data: {
      bookingId: booking.id,
      sequence,
      amountCents,
      currency: booking.currency,
      kind: options.kind,
      requestedBy: options.requestedBy,
      reason: options.reason,
      idempotencyKey: refundIdempotencyKey(booking.id, sequence),
      requestedAt: options.now,
    },
  });
}
