import { z } from "zod";

export const cancelBookingBody = z
  .strictObject({
    bookingId: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, { message: "Expected a booking id." }),
    reason: z.string().trim().min(1).max(500).optional().meta({ description: "Kept on the booking for the owner." }),
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

export const lookupBookingBody = z
  .strictObject({
    code: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .meta({ description: "The booking code from the confirmation (PAC-XXXXXX; case, spaces and the PAC- prefix are optional)." }),
    email: z.email({ message: "Expected a valid email address." }).max(254).transform((e) => e.toLowerCase()),
  })
  .meta({
    id: "LookupBookingRequest",
    description: "Finds a booking by its code and the guest's email. Both must match.",
    example: { code: "PAC-7KX3MQ", email: "ana@example.com" },
  });

export const lookupBookingResponse = z
  .strictObject({
    code: z.string().meta({ example: "PAC-7KX3MQ" }),
    status: z.enum(["CONFIRMED", "CANCELLED"]),
    unit: z.strictObject({ name: z.string(), slug: z.string() }),
    checkIn: z.string().meta({ format: "date" }),
    checkOut: z.string().meta({ format: "date" }),
    nights: z.number().int(),
    guestName: z.string(),
    totalCents: z.number().int(),
    currency: z.string(),
    manageUrl: z.url().meta({ description: "A fresh manage-my-booking link for the guest (a secret: give it only to them)." }),
  })
  .meta({
    id: "BookingLookup",
    description: "The booking and a link where its guest can view it, download the calendar file and receipt, and cancel.",
    example: {
      code: "PAC-7KX3MQ",
      status: "CONFIRMED",
      unit: { name: "Essex", slug: "essex" },
      checkIn: "2027-02-01",
      checkOut: "2027-02-05",
      nights: 4,
      guestName: "Ana Rivera",
      totalCents: 64000,
      currency: "USD",
      manageUrl: "https://palmairecourt.com/bookings/manage/3q2-7wFZkHn1yT1zN0v8XWb9d2tQe6fU5aLrKxJmCpo",
    },
  });
