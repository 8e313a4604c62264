import { z } from "zod";
import { customer, guests, isoDate, pets } from "@/lib/api/schemas/common";

// Schemas of the owner console's API (/api/admin/*): the console's pages and its route handlers
// validate with these.

export const bookingListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  status: z.enum(["CONFIRMED", "CANCELLED"]).optional(),
  unitId: z.string().trim().max(64).optional(),
  when: z.enum(["upcoming", "past", "all"]).default("upcoming"),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type BookingListQuery = z.infer<typeof bookingListQuery>;

export const bookingNoteBody = z.strictObject({
  text: z.string().trim().min(1, "Write the note first.").max(2000),
});

export const bookingIdParams = z.strictObject({ id: z.string().trim().min(1).max(64) });

const cents = z.int().min(0).max(100_000_000);
const optionalTier = cents.nullable();
const shortName = z.string().trim().min(1).max(80);

/** A set of rate changes; preview prices the sample stays with them, then throws them away. */
export const rateChangesBody = z.strictObject({
  plans: z
    .array(z.strictObject({ id: z.string().min(1).max(64), nightly: optionalTier, weekly: optionalTier, monthly: optionalTier, fourMonth: optionalTier }))
    .max(50)
    .default([]),
  seasons: z
    .array(
      z.strictObject({
        id: z.string().min(1).max(64).optional(),
        name: shortName,
        startDate: isoDate,
        endDate: isoDate,
        discountPct: z.int().min(0).max(100),
        recursAnnually: z.boolean(),
      }),
    )
    .max(50)
    .default([]),
  fees: z
    .array(z.strictObject({ id: z.string().min(1).max(64).optional(), name: shortName, amount: cents, perStay: z.boolean() }))
    .max(50)
    .default([]),
  samples: z
    .array(z.strictObject({ unitId: z.string().min(1).max(64), checkIn: isoDate, checkOut: isoDate }))
    .max(6)
    .default([]),
});
export type RateChanges = z.infer<typeof rateChangesBody>;

export const propertySettingsBody = z.strictObject({
  name: shortName,
  addressLine1: z.string().trim().min(1).max(120),
  addressLine2: z.string().trim().max(120).nullable(),
  city: z.string().trim().min(1).max(80),
  region: z.string().trim().min(1).max(40),
  postalCode: z.string().trim().min(1).max(20),
  country: z.string().trim().length(2),
  phone: z.string().trim().min(5).max(40),
  email: z.email(),
  arrivalInstructions: z.string().trim().min(1).max(4000),
});

export const consoleUserBody = z.strictObject({
  email: z.email().toLowerCase(),
  name: z.string().trim().max(80).optional(),
  role: z.enum(["OWNER", "STAFF"]),
});

export const consoleUserUpdateBody = z.strictObject({
  role: z.enum(["OWNER", "STAFF"]).optional(),
  disabled: z.boolean().optional(),
});

export const idParams = z.strictObject({ id: z.string().trim().min(1).max(64) });

export const consoleCancelBody = z.strictObject({
  refundCents: z.int().min(0).max(100_000_000).optional(),
  reason: z.string().trim().max(500).optional(),
});

export const consoleRefundBody = z.strictObject({
  amountCents: z.int().min(1).max(100_000_000),
  reason: z.string().trim().max(500).optional(),
});

export const ownerBlockBody = z.strictObject({
  unitId: z.string().trim().min(1).max(64),
  start: isoDate,
  end: isoDate,
  reason: z.string().trim().max(200).optional(),
});

// ---- Manual bookings (#16) ----

export const offlinePaymentMethod = z.enum(["cash", "check", "card_by_phone"]);
export type OfflinePaymentMethod = z.infer<typeof offlinePaymentMethod>;

/** The stay and price of a manual booking; the quote preview takes exactly this. */
export const manualStayBody = z.strictObject({
  unitId: z.string().trim().min(1).max(64),
  checkIn: isoDate,
  checkOut: isoDate,
  guests,
  pets: pets.default(0),
  /** The owner's total in cents, taxes and fees included (owner only). */
  totalOverrideCents: cents.optional(),
  /** Owner only: book past minimum nights, check-in weekdays, the horizon and the same-day cut-off. */
  waiveRules: z.boolean().default(false),
});

export const manualBookingBody = manualStayBody.extend({
  guest: customer,
  payment: z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("offline"), method: offlinePaymentMethod }),
    z.strictObject({ kind: z.literal("link") }),
  ]),
});

/** A fresh token per resend form: the same token twice (double click, retry) sends once. */
export const resendConfirmationBody = z.strictObject({
  requestKey: z.string().trim().min(8).max(100).regex(/^[A-Za-z0-9-]+$/),
});
