import { z } from "zod";
import { unitRef } from "@/lib/api/schemas/common";

// Request and response schemas of GET /api/v1/units (also the source of the OpenAPI document).

export const unitType = z
  .enum(["TRAILER", "COTTAGE_1BR", "COTTAGE_2BR", "RV_SITE"])
  .meta({ id: "UnitType", description: "Kind of unit." });

/** No query parameters: an unknown one is a 400, not silently ignored. */
export const listUnitsQuery = z.strictObject({}).meta({ id: "ListUnitsQuery" });

/** The fields every unit answer starts with (list and detail). */
export const unitBase = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  type: unitType,
  capacity: z.int(),
  beds: z.int().nullable(),
  baths: z.int().nullable(),
});

export const unitSummary = unitBase
  .extend({
    photo: z.string().nullable().meta({ description: "Path or URL of the unit's main photo." }),
    fromNightlyCents: z.int().nullable().meta({
      description:
        "Lowest price per night in cents: the nightly rate, or the cheapest per-night equivalent of the weekly, monthly or 4-month rate (rounded up). Null when the unit cannot be priced online.",
    }),
    currency: z.string().nullable(),
  })
  .meta({
    id: "UnitSummary",
    example: {
      id: "cm3x0essex000001",
      slug: "essex",
      name: "Essex",
      type: "COTTAGE_2BR",
      capacity: 5,
      beds: 2,
      baths: 1,
      photo: "/images/units/cottage.svg",
      fromNightlyCents: 16500,
      currency: "USD",
    },
  });

export const listUnitsResponse = z
  .object({ units: z.array(unitSummary) })
  .meta({ id: "UnitList", description: "Active units: cottages first, then trailers, then RV sites; by name within a type." });

export type ListUnitsResponse = z.infer<typeof listUnitsResponse>;

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
    petFriendly: z.boolean().meta({ description: "Accepts up to two pets, each paying the pet fee." }),
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
      petFriendly: true,
      rates: { nightly: 16500, weekly: 99000, monthly: 320000, fourMonth: 1140000, currency: "USD" },
      fromNightlyCents: 16500,
    },
  });

export type UnitDetailResponse = z.infer<typeof unitDetail>;
