import "server-only";
import type { BookingStatus } from "@prisma/client";
import { now as clockNow } from "@/lib/clock";
import { prisma } from "@/lib/server/db/client";
import { lockUnit } from "@/lib/server/db/lock-unit";
import { withSerializableRetry } from "@/lib/server/db/with-serializable-retry";
import { unknownBooking } from "@/lib/server/errors";

export interface CancelBookingOptions {
  bookingId: string;
  reason?: string;
  /** The current instant (tests); default: the app clock. */
  now?: Date;
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
  if (!found) throw unknownBooking();

  return withSerializableRetry(async (tx) => {
    // Same lock as holds and payments: a payment being turned into a booking sees either the
    // booking or its cancellation, never half of it.
    await lockUnit(tx, found.unitId);
    const updated = await tx.booking.updateMany({
      where: { id: options.bookingId, status: "CONFIRMED" },
      data: { status: "CANCELLED", cancelReason: options.reason ?? null, cancelledAt: options.now ?? clockNow() },
    });
    const booking = await tx.booking.findUniqueOrThrow({
      where: { id: options.bookingId },
      select: { id: true, status: true, cancelledAt: true, cancelReason: true },
    });
    return {
      bookingId: booking.id,
      status: booking.status,
      cancelledAt: booking.cancelledAt,
      cancelReason: booking.cancelReason,
      changed: updated.count === 1,
    };
  });
}
