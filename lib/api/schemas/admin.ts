import { z } from "zod";
import { channelName, feedUrl } from "@/lib/api/schemas/channels";
import { customer, guests, isoDate, pets } from "@/lib/api/schemas/common";
import { policyTiers } from "@/lib/cancellation/policy";

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

const rowId = z.string().min(1).max(64);
const unitType = z.enum(["TRAILER", "COTTAGE_1BR", "COTTAGE_2BR", "RV_SITE"]);

/**
 * A lodging tax, new (code, no id) or changed (id). A rate change with rateChangeFrom keeps the
 * old rate for nights before that date (the row ends the day before) and starts a new row from it,
 * so the tax table keeps what past nights were taxed at.
 */
function taxChange() {
  return z
    .strictObject({
      id: rowId.optional(),
      code: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Use lower-case letters, digits and dashes.").optional(),
      name: shortName,
      rateBps: z.int().min(0).max(10_000),
      appliesToNightly: z.boolean(),
      appliesToFees: z.array(shortName).max(20),
      maxStayNights: z.int().min(1).max(3650).nullable(),
      effectiveFrom: isoDate.nullable(),
      effectiveTo: isoDate.nullable(),
      rateChangeFrom: isoDate.optional(),
    })
    .superRefine((t, ctx) => {
      if (!t.id && !t.code) ctx.addIssue({ code: "custom", path: ["code"], message: "A new tax needs a code." });
      if (t.effectiveFrom && t.effectiveTo && t.effectiveTo < t.effectiveFrom)
        ctx.addIssue({ code: "custom", path: ["effectiveTo"], message: "A tax must end on or after its first day." });
    });
}

/** A stay rule, new or changed. A rule with no settings changes nothing: that is how one is retired. */
function stayRuleChange() {
  const nights = z.int().min(1).max(365).nullable();
  return z
    .strictObject({
      id: rowId.optional(),
      name: shortName,
      unitId: rowId.nullable(),
      category: unitType.nullable(),
      startDate: isoDate.nullable(),
      endDate: isoDate.nullable(),
      recursAnnually: z.boolean(),
      minNights: nights,
      maxNights: nights,
      checkInWeekdays: z.array(z.int().min(0).max(6)).max(7),
      bookingHorizonMonths: z.int().min(1).max(60).nullable(),
      sameDayCutoffHour: z.int().min(0).max(23).nullable(),
    })
    .superRefine((r, ctx) => {
      if (r.unitId && r.category) ctx.addIssue({ code: "custom", path: ["category"], message: "A rule is for one unit or one category, not both." });
      if ((r.startDate === null) !== (r.endDate === null)) ctx.addIssue({ code: "custom", path: ["endDate"], message: "Give both the first and the last check-in date, or neither." });
      else if (r.startDate && r.endDate && !r.recursAnnually && r.endDate < r.startDate)
        ctx.addIssue({ code: "custom", path: ["endDate"], message: "A rule must end on or after its first day." });
      if (r.minNights !== null && r.maxNights !== null && r.maxNights < r.minNights)
        ctx.addIssue({ code: "custom", path: ["maxNights"], message: "The longest stay cannot be shorter than the shortest." });
      if (new Set(r.checkInWeekdays).size !== r.checkInWeekdays.length) ctx.addIssue({ code: "custom", path: ["checkInWeekdays"], message: "Each weekday at most once." });
    });
}

/** A cancellation policy, new or changed; bookings already made keep the terms they were sold under. */
function policyChange() {
  return z
    .strictObject({
      id: rowId.optional(),
      name: shortName,
      unitId: rowId.nullable(),
      category: unitType.nullable(),
      tiers: policyTiers,
      refundFeesBeforeArrival: z.boolean(),
      graceHours: z.int().min(0).max(720),
      graceMinDaysBefore: z.int().min(0).max(365),
    })
    .superRefine((p, ctx) => {
      if (p.unitId && p.category) ctx.addIssue({ code: "custom", path: ["category"], message: "A policy is for one unit or one category, not both." });
    });
}

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
  taxes: z.array(taxChange()).max(20).default([]),
  stayRules: z.array(stayRuleChange()).max(50).default([]),
  policies: z.array(policyChange()).max(50).default([]),
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

// Channel sync in the console (#17): the same inputs the feeds script takes, the unit by id.

export const consoleFeedBody = z.strictObject({ unitId: rowId, channel: channelName, url: feedUrl });

export const consoleFeedUpdateBody = z.strictObject({ enabled: z.boolean() });

export const consoleExportTokenBody = z.strictObject({ unitId: rowId, channel: channelName });

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
