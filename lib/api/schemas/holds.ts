import { z } from "zod";
import { customer, guests, isoDate, pets, unitRef, withStayRules } from "@/lib/api/schemas/common";

export const createHoldBody = withStayRules(
  z.strictObject({
    unitId: unitRef,
    checkIn: isoDate,
    checkOut: isoDate,
    guests,
    pets: pets.optional(),
    ttlMinutes: z
      .number()
      .int()
      .min(1)
      .max(60)
      .optional()
      .meta({ description: "How long the nights are held, in minutes (1 to 60, default 15).", example: 15 }),
    customer: customer.optional(),
  }),
).meta({
  id: "CreateHoldRequest",
  description: "Holds a unit's nights [checkIn, checkOut) while the guest pays.",
  example: { unitId: "essex", checkIn: "2027-01-10", checkOut: "2027-01-14", guests: 2, ttlMinutes: 15 },
});

export const holdResponse = z
  .strictObject({
    holdId: z.string(),
    expiresAt: z.iso.datetime().meta({ description: "When the hold lapses unless paid (ISO 8601, UTC)." }),
    unitId: z.string().meta({ description: "The unit's id (even when the request named its slug)." }),
    checkIn: isoDate,
    checkOut: isoDate,
    guests: z.int(),
    pets: z.int(),
  })
  .meta({
    id: "Hold",
    description: "A hold on a unit's nights; pay for it with POST /api/v1/checkout before expiresAt.",
    example: {
      holdId: "cmhold000000000000000000",
      expiresAt: "2027-01-02T15:15:00.000Z",
      unitId: "cmunit000000000000000000",
      checkIn: "2027-01-10",
      checkOut: "2027-01-14",
      guests: 2,
      pets: 0,
    },
  });

export type CreateHoldBody = z.infer<typeof createHoldBody>;
