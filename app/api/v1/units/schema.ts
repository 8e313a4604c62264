import { z } from "zod";

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
