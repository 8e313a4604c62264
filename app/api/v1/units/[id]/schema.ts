import { z } from "zod";
import { unitRef } from "@/lib/schemas/common";
import { unitBase } from "../schema";

// Request and response schemas of GET /api/v1/units/{id}.

export const getUnitParams = z.strictObject({ id: unitRef }).meta({ id: "GetUnitParams" });

/** No query parameters: an unknown one is a 400. */
export const getUnitQuery = z.strictObject({}).meta({ id: "GetUnitQuery" });

export const unitRates = z
  .object({
    nightly: z.int().nullable(),
    weekly: z.int().nullable().meta({ description: "Price of 7 nights, in cents." }),
    monthly: z.int().nullable().meta({ description: "Price of 30 nights, in cents." }),
    fourMonth: z.int().nullable().meta({ description: "Price of 120 nights, in cents." }),
    currency: z.string(),
  })
  .meta({
    id: "UnitRates",
    description: "Published rates in cents; null means the tier is not offered. Seasonal discounts and fees come on top (see POST /quote).",
  });

export const unitDetail = unitBase
  .extend({
    description: z.string().nullable(),
    amenities: z.array(z.string()),
    features: z.array(z.string()),
    photos: z.array(z.string()),
    active: z.boolean(),
    rates: unitRates.nullable().meta({ description: "Null when the unit cannot be priced online." }),
    fromNightlyCents: z.int().nullable(),
  })
  .meta({
    id: "UnitDetail",
    example: {
      id: "cm3x0essex000001",
      slug: "essex",
      name: "Essex",
      type: "COTTAGE_2BR",
      capacity: 5,
      beds: 2,
      baths: 1,
      description: "A bright two-bedroom cottage with a screened porch, steps from the pool.",
      amenities: ["Wi-Fi", "Air conditioning", "Full kitchen"],
      features: ["Screened porch"],
      photos: ["/images/units/cottage.svg"],
      active: true,
      rates: { nightly: 16500, weekly: 99000, monthly: 320000, fourMonth: 1140000, currency: "USD" },
      fromNightlyCents: 16500,
    },
  });

export type UnitDetailResponse = z.infer<typeof unitDetail>;
