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

export const customer = z
  .strictObject({
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().min(1).max(100),
    email: z.email({ message: "Expected a valid email address." }).max(254).transform((e) => e.toLowerCase()),
    phone: z
      .string()
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
