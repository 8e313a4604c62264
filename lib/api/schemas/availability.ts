import { z } from "zod";
import { daysBetween, isIsoDate } from "@/lib/dates";
import { MAX_AVAILABILITY_WINDOW_DAYS, alternative, guestsParam, isoDate, petsParam, stayRule, unitRef } from "@/lib/api/schemas/common";

// Request and response schemas of GET /api/v1/availability.

export const availabilityQuery = z
  .strictObject({
    unitId: unitRef,
    start: isoDate.meta({ description: "First night of the span (YYYY-MM-DD, property time zone)." }),
    end: isoDate.meta({ description: "Day after the last night (the check-out day).", example: "2027-01-20" }),
    guests: guestsParam.optional(),
    pets: petsParam.optional(),
  })
  .superRefine((value, ctx) => {
    if (!isIsoDate(value.start) || !isIsoDate(value.end)) return;
    const days = daysBetween(value.start, value.end);
    if (days < 1) ctx.addIssue({ code: "custom", path: ["end"], message: "end must be after start." });
    else if (days > MAX_AVAILABILITY_WINDOW_DAYS)
      ctx.addIssue({
        code: "custom",
        path: ["end"],
        message: `The span can be at most ${MAX_AVAILABILITY_WINDOW_DAYS} days (two years).`,
      });
  })
  .meta({
    id: "AvailabilityQuery",
    description: "The nights [start, end) of one unit.",
    example: { unitId: "essex", start: "2027-01-10", end: "2027-01-20" },
  });

export const unavailableRange = z
  .object({
    start: isoDate.meta({ description: "First blocked night." }),
    end: isoDate.meta({ description: "The day the unit is free again: the stay's check-out day plus its turnover days." }),
    kind: z.enum(["booking", "hold", "block"]).meta({
      description: "booking or hold: a guest's stay; block: closed by the owner or sold on another channel (Airbnb, VRBO...).",
    }),
  })
  .meta({ id: "UnavailableRange" });

export const availabilityResponse = z
  .object({
    unitId: z.string().meta({ description: "The unit's id (also when it was asked for by slug)." }),
    start: isoDate,
    end: isoDate,
    isAvailable: z.boolean(),
    reason: z.string().optional().meta({ description: "Why isAvailable is false, for people; absent when it is true." }),
    rule: stayRule.optional().meta({ description: "Why isAvailable is false, for programs (the rule a hold would be refused with)." }),
    details: z.record(z.string(), z.unknown()).optional().meta({ description: "The rule's figure, e.g. { minNights: 7 }." }),
    alternatives: z.array(alternative).max(3).optional().meta({ description: "Up to three stays that would work instead." }),
    arrivalRules: z
      .array(
        z.object({
          start: isoDate,
          end: isoDate.meta({ description: "Last day of the run (inclusive)." }),
          checkIn: z.boolean().meta({ description: "Whether a stay may start on these days." }),
          minNights: z.int(),
          maxNights: z.int().nullable(),
        }),
      )
      .meta({ description: "The stay rules of each check-in day of the span, as runs of days with equal rules (for calendars)." }),
    unavailable: z.array(unavailableRange).meta({
      description:
        "Confirmed bookings and live holds that share a night with the span. Expired holds and cancelled bookings never appear.",
    }),
  })
  .meta({
    id: "Availability",
    example: {
      unitId: "cm3x0essex000001",
      start: "2027-01-10",
      end: "2027-01-20",
      isAvailable: false,
      reason: "Some nights in this range are already booked or held.",
      rule: "UNAVAILABLE",
      details: {},
      alternatives: [{ unitId: "cm3x0view0000001", slug: "view", name: "View", checkIn: "2027-01-10", checkOut: "2027-01-20", nights: 10, totalCents: 133280, currency: "USD" }],
      unavailable: [{ start: "2027-01-12", end: "2027-01-15", kind: "booking" }],
      arrivalRules: [{ start: "2027-01-10", end: "2027-01-19", checkIn: true, minNights: 2, maxNights: 365 }],
    },
  });

export type AvailabilityResponse = z.infer<typeof availabilityResponse>;
