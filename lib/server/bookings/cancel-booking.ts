import "server-only";
import type { BookingStatus } from "@prisma/client";
import { prisma } from "@/lib/server/db/client";
import { lockUnit } from "@/lib/server/db/lock-unit";
import { withSerializableRetry } from "@/lib/server/db/with-serializable-retry";
import { AppError } from "@/lib/server/errors";
import { enqueueBookingCancelled } from "@/lib/server/notifications/enqueue";
import { kickOutbox } from "@/lib/server/notifications/kick-outbox";

export interface CancelBookingOptions {
  bookingId: string;
  reason?: string;
}

export interface CancelledBooking {
  bookingId: string;
  status: BookingStatus;
  cancelledAt: Date | null;
  cancelReason: string | null;
  /** False when the booking was already cancelled: nothing changed. */
  changed: boolean;
}

/**
 * Cancels a CONFIRMED booking, which frees its nights at once (the overlap rules only count
 * CONFIRMED bookings). Cancelling again changes nothing, not even the reason or the time. No
 * refund is issued here (the spec's phase 2 leaves refunds to the owner).
 */
export async function cancelBooking(options: CancelBookingOptions): Promise<CancelledBooking> {
  const found = await prisma.booking.findUnique({ where: { id: options.bookingId }, select: { unitId: true } });
  if (!found) throw new AppError("NOT_FOUND", "No booking with that id exists.");

  const result = await withSerializableRetry(async (tx) => {
    // Same lock as holds and payments: a payment being turned into a booking sees either the
    // booking or its cancellation, never half of it.
    await lockUnit(tx, found.unitId);
    const updated = await tx.booking.updateMany({
      where: { id: options.bookingId, status: "CONFIRMED" },
      data: { status: "CANCELLED", cancelReason: options.reason ?? null, cancelledAt: new Date() },
    });
    const booking = await tx.booking.findUniqueOrThrow({
      where: { id: options.bookingId },
      select: { id: true, status: true, cancelledAt: true, cancelReason: true, checkOut: true },
    });
    // In the cancelling transaction, and only when this call cancelled: the guest's notice and
    // the owner's alert (pass refundId once a refund is recorded here).
    if (updated.count === 1) await enqueueBookingCancelled(tx, booking);
    return {
      bookingId: booking.id,
      status: booking.status,
      cancelledAt: booking.cancelledAt,
      cancelReason: booking.cancelReason,
      changed: updated.count === 1,
    };
  });
  if (result.changed) kickOutbox();
  return result;
}
