import { z } from "zod";
import { daysBetween, isIsoDate } from "@/lib/dates";
import { MAX_AVAILABILITY_WINDOW_DAYS, isoDate, unitRef } from "@/lib/api/schemas/common";

// Request and response schemas of GET /api/v1/availability.

export const availabilityQuery = z
  .strictObject({
    unitId: unitRef,
    start: isoDate.meta({ description: "First night of the span (YYYY-MM-DD, property time zone)." }),
    end: isoDate.meta({ description: "Day after the last night (the check-out day).", example: "2027-01-20" }),
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
    end: isoDate.meta({ description: "Check-out day of the stay: that night is free again." }),
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
    reason: z.string().optional().meta({ description: "Why isAvailable is false; absent when it is true." }),
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
      unavailable: [{ start: "2027-01-12", end: "2027-01-15", kind: "booking" }],
    },
  });

export type AvailabilityResponse = z.infer<typeof availabilityResponse>;
