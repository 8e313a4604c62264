import { z } from "zod";
import { cleanText } from "@/lib/api/schemas/common";

export const cancelBookingBody = z
  .strictObject({
    bookingId: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, { message: "Expected a booking id." }),
    reason: z.string().check(cleanText({ multiline: true })).trim().min(1).max(500).optional().meta({ description: "Kept on the booking for the owner." }),
  })
  .meta({
    id: "CancelBookingRequest",
    description: "Cancels a confirmed booking; its nights become available at once. No refund is issued.",
    example: { bookingId: "cmbook000000000000000000", reason: "Guest changed plans" },
  });

export const cancelBookingResponse = z
  .strictObject({
    bookingId: z.string(),
    status: z.enum(["CONFIRMED", "CANCELLED"]),
    cancelledAt: z.iso.datetime().nullable(),
    cancelReason: z.string().nullable(),
    changed: z.boolean().meta({ description: "False when the booking was already cancelled (nothing changed)." }),
  })
  .meta({
    id: "CancelledBooking",
    description: "The booking after cancellation.",
    example: {
      bookingId: "cmbook000000000000000000",
      status: "CANCELLED",
      cancelledAt: "2027-01-02T15:00:00.000Z",
      cancelReason: "Guest changed plans",
      changed: true,
    },
  });
