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
