import "server-only";
import type { BookingRefund } from "@prisma/client";
import { now as clockNow } from "@/lib/clock";
import { prisma } from "@/lib/server/db/client";
import { withRowLock } from "@/lib/server/db/with-row-lock";
import { bookingNotFound, nothingToRefund, ownerOnly } from "@/lib/server/errors";
import { lockBookingRow, recordRefundDecision, refundableCents } from "./record-refund";
import { submitRefund } from "./submit-refund";
import type { CancellationActor } from "@/lib/server/bookings/cancel-booking";

export interface RefundBookingOptions {
  bookingId: string;
  actor: CancellationActor;
  amountCents: number;
  reason?: string;
  now?: Date;
}

/**
 * An owner's refund of part of a booking's payment, whatever the booking's status (a damage
 * deposit returned after the stay, goodwill): bounded by what remains refundable, decided in one
 * transaction under the booking's row lock, then sent to Stripe with its recorded idempotency key.
 */
export async function refundBooking(options: RefundBookingOptions): Promise<BookingRefund> {
  if (options.actor.kind !== "owner") throw ownerOnly("refund part of a booking");
  const now = options.now ?? clockNow();
  const decided = await withRowLock(async (tx) => {
    if (!(await lockBookingRow(tx, options.bookingId))) throw bookingNotFound();
    const booking = await tx.booking.findUniqueOrThrow({
      where: { id: options.bookingId },
      include: { payment: { select: { amountCents: true } } },
    });
    if (!booking.payment || refundableCents(booking) === 0) throw nothingToRefund();
    return recordRefundDecision(tx, {
      booking,
      amountCents: options.amountCents,
      kind: "OWNER",
      requestedBy: "OWNER",
      reason: options.reason ?? null,
      now,
    });
  });
  return submitRefund(decided.id);
}
