import { z } from "zod";
import { daysBetween, isIsoDate } from "@/lib/dates";

// Building blocks shared by the API schemas (each route's own schema.ts composes these).

export const MAX_STAY_NIGHTS = 365;
export const MAX_AVAILABILITY_WINDOW_DAYS = 731; // two years

export const isoDate = z
  .string()
  .refine(isIsoDate, { message: "Expected a real calendar date in the form YYYY-MM-DD." })
  .meta({ format: "date", example: "2027-01-10" });

/** A unit's id (cuid) or its slug ("essex"). */
export const unitRef = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { message: "Expected a unit id or slug." })
  .meta({ description: "The unit's id or its slug (e.g. \"essex\").", example: "essex" });

/** Adds the stay rules to an object with checkIn/checkOut: at least 1 night, at most 365. */
export function withStayRules<T extends z.ZodObject<{ checkIn: typeof isoDate; checkOut: typeof isoDate }>>(schema: T) {
  return schema.superRefine((value, ctx) => {
    const { checkIn, checkOut } = value as { checkIn: string; checkOut: string };
    if (!isIsoDate(checkIn) || !isIsoDate(checkOut)) return;
    const nights = daysBetween(checkIn, checkOut);
    if (nights < 1) ctx.addIssue({ code: "custom", path: ["checkOut"], message: "checkOut must be after checkIn." });
    else if (nights > MAX_STAY_NIGHTS)
      ctx.addIssue({ code: "custom", path: ["checkOut"], message: `A stay can be at most ${MAX_STAY_NIGHTS} nights.` });
  });
}

// Control characters and broken UTF-16 are refused at the edge: PostgreSQL rejects NUL in text
// (SQLSTATE 22021) and a lone surrogate cannot be encoded as UTF-8, so either would otherwise
// reach the database and fail there; other C0 controls only hide or garble text in emails and
// the owner's screens. Tab and line breaks are allowed only in fields meant for several lines.
const SINGLE_LINE_CONTROL = /[\u0000-\u001F\u007F]/;
const MULTI_LINE_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `value` is well-formed UTF-16 without control characters (tab/newline if multiline). */
export function isCleanText(value: string, options: { multiline?: boolean } = {}): boolean {
  const control = options.multiline ? MULTI_LINE_CONTROL : SINGLE_LINE_CONTROL;
  return !control.test(value) && !LONE_SURROGATE.test(value);
}

/**
 * The refinement every free-text field carries: `z.string().check(cleanText())`, or
 * `cleanText({ multiline: true })` where tab and line breaks belong (notes, reasons).
 */
export function cleanText(options: { multiline?: boolean } = {}) {
  const message = options.multiline
    ? "Remove control characters or broken characters from this text."
    : "Use plain text on one line, without control characters or broken characters.";
  return z.refine<string>((value) => isCleanText(value, options), { message });
}

export const customer = z
  .strictObject({
    firstName: z.string().check(cleanText()).trim().min(1).max(100),
    lastName: z.string().check(cleanText()).trim().min(1).max(100),
    email: z.email({ message: "Expected a valid email address." }).max(254).check(cleanText()).transform((e) => e.toLowerCase()),
    phone: z
      .string()
      .check(cleanText())
      .trim()
      .max(32)
      .regex(/^\+?[0-9 ().-]{7,32}$/, { message: "Expected a phone number." })
      .optional(),
  })
  .meta({
    id: "Customer",
    example: { firstName: "Ana", lastName: "Rivera", email: "ana@example.com", phone: "+1 239 555 0100" },
  });

export type CustomerInput = z.infer<typeof customer>;

// --- Party and refusals (#13) ---------------------------------------------------------------

/** The party's size; the unit's capacity is checked by the service (400 naming `guests`). */
export const guests = z
  .int()
  .min(1)
  .max(20)
  .meta({ description: "Guests in the party, 1 up to the unit's capacity.", example: 2 });

/** Pets; only pet-friendly units accept any (up to 2), each paying the pet fee. */
export const pets = z.int().min(0).max(2).meta({ description: "Pets in the party (0 to 2; pet-friendly units only).", example: 0 });

/** The same, read from a query string ("2"). */
const wholeNumberParam = z.string().regex(/^[0-9]{1,3}$/, { message: "Expected a whole number." });
export const guestsParam = wholeNumberParam.transform(Number).pipe(guests).meta({ description: "Guests in the party.", example: "2" });
export const petsParam = wholeNumberParam.transform(Number).pipe(pets).meta({ description: "Pets in the party (0 to 2).", example: "0" });

export const stayRule = z
  .enum(["UNAVAILABLE", "MIN_NIGHTS", "MAX_NIGHTS", "HORIZON", "SAME_DAY_CUTOFF", "CHECKIN_WEEKDAY", "CAPACITY", "PETS", "PAST"])
  .meta({
    id: "StayRule",
    description:
      "Why a stay was refused: UNAVAILABLE (nights taken, turnover days included), MIN_NIGHTS (details.minNights), " +
      "MAX_NIGHTS (details.maxNights), HORIZON (details.lastCheckIn), SAME_DAY_CUTOFF (details.cutoffHour, property time), " +
      "CHECKIN_WEEKDAY (details.checkInWeekdays, 0 = Sunday), CAPACITY (details.capacity), PETS (details.maxPets), PAST (details.today).",
  });

export const alternative = z
  .object({
    unitId: z.string(),
    slug: z.string(),
    name: z.string(),
    checkIn: isoDate,
    checkOut: isoDate,
    nights: z.int(),
    totalCents: z.int().meta({ description: "What this stay costs, taxes and fees included." }),
    currency: z.string(),
  })
  .meta({
    id: "StayAlternative",
    description: "A stay that passes every rule and was free when offered: the same length on the same unit up to 14 days earlier or later, or the same dates on another unit that fits the party.",
    example: { unitId: "cm3x0essex000001", slug: "essex", name: "Essex", checkIn: "2027-01-12", checkOut: "2027-01-19", nights: 7, totalCents: 115830, currency: "USD" },
  });

export const refusalDetails = z
  .looseObject({
    rule: stayRule,
    alternatives: z.array(alternative).max(3),
    minNights: z.int().optional(),
    maxNights: z.int().optional(),
    lastCheckIn: isoDate.optional(),
    cutoffHour: z.int().optional(),
    checkInWeekdays: z.array(z.int()).optional(),
    capacity: z.int().optional(),
    maxPets: z.int().optional(),
    today: isoDate.optional(),
  })
  .meta({
    id: "StayRefusalDetails",
    description: "error.details of every refused stay (quote, availability, hold, checkout).",
    example: { rule: "MIN_NIGHTS", minNights: 7, alternatives: [] },
  });
