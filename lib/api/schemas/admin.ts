import { z } from "zod";
import { isoDate } from "@/lib/api/schemas/common";

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
