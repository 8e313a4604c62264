import "server-only";
import { env } from "@/lib/env";
import { todayIn } from "@/lib/dates";
import { getPropertyInfo, type PropertyInfo } from "@/lib/server/property/get-property-info";
import { normalizeBookingCode } from "./booking-code";
import { getBookingDetails, type BookingDetails } from "./get-booking-details";
import { bookingIdForManageToken } from "./manage-token";
import { previewCancellation } from "./cancel-booking";
import { now as clockNow } from "@/lib/clock";

// What the manage-my-booking pages show, behind the link's token: the token's own booking and
// nothing else. null for any token that does not open one (the pages answer a plain 404).

export interface ManagedBooking {
  booking: BookingDetails;
  property: PropertyInfo;
  /** Guests cancel online until the day before arrival (the property's calendar). */
  canCancel: boolean;
  /** What cancelling now would refund under the booking's policy (when it can be cancelled). */
  refundPreview: { refundCents: number; currency: string } | null;
}

export async function getManagedBooking(token: string, options: { now?: Date } = {}): Promise<ManagedBooking | null> {
  const bookingId = await bookingIdForManageToken(token, options);
  if (!bookingId) return null;
  const [booking, property] = await Promise.all([getBookingDetails(bookingId), getPropertyInfo()]);
  if (!booking) return null;
  const now = options.now ?? clockNow();
  const today = todayIn(env.PROPERTY_TIMEZONE, now);
  const canCancel = booking.status === "CONFIRMED" && booking.checkIn > today;
  const refundPreview = canCancel
    ? await previewCancellation({ bookingId, actor: { kind: "guest" }, now }).then(
        ({ quote }) => ({ refundCents: quote.refundCents, currency: quote.currency }),
        () => null,
      )
    : null;
  return { booking, property, canCancel, refundPreview };
}

/** The receipt's booking: the code in the path must be the token's booking (never the code alone). */
export async function getReceiptBooking(code: string, token: string, options: { now?: Date } = {}): Promise<ManagedBooking | null> {
  const managed = await getManagedBooking(token, options);
  if (!managed || managed.booking.code !== normalizeBookingCode(code)) return null;
  return managed;
}
