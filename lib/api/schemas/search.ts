import { z } from "zod";
import { guestsParam, isoDate, petsParam, withStayRules } from "@/lib/api/schemas/common";
import { unitType } from "@/lib/api/schemas/units";

// Request and response schemas of GET /api/v1/search.

export const searchQuery = withStayRules(
  z.strictObject({
    checkIn: isoDate.meta({ description: "Arrival day (YYYY-MM-DD, property time zone)." }),
    checkOut: isoDate.meta({ description: "Departure day.", example: "2027-01-17" }),
    guests: guestsParam,
    pets: petsParam.optional(),
    type: unitType.optional(),
  }),
).meta({
  id: "SearchQuery",
  description: "A stay [checkIn, checkOut) for a party; optionally only units of one type.",
  example: { checkIn: "2027-01-10", checkOut: "2027-01-17", guests: 2 },
});

export const searchResult = z
  .object({
    unit: z.object({
      id: z.string(),
      slug: z.string(),
      name: z.string(),
      type: unitType,
      capacity: z.int(),
      petFriendly: z.boolean(),
      photo: z.string().nullable(),
    }),
    nights: z.int(),
    totalCents: z.int().meta({ description: "What the stay costs: nights after discounts, fees and taxes." }),
    nightlyAverageCents: z.int().meta({ description: "totalCents / nights, rounded half up." }),
    currency: z.string(),
  })
  .meta({ id: "SearchResult" });

export const searchResponse = z
  .object({
    checkIn: isoDate,
    checkOut: isoDate,
    guests: z.int(),
    pets: z.int(),
    results: z.array(searchResult).meta({ description: "Every active unit that can take the party on those dates, cheapest first." }),
  })
  .meta({
    id: "SearchResults",
    example: {
      checkIn: "2027-01-10",
      checkOut: "2027-01-17",
      guests: 2,
      pets: 0,
      results: [
        {
          unit: { id: "cm3x0rv01000001", slug: "rv-01", name: "RV-01", type: "RV_SITE", capacity: 6, petFriendly: false, photo: "/images/units/rv-site.svg" },
          nights: 7,
          totalCents: 41440,
          nightlyAverageCents: 5920,
          currency: "USD",
        },
      ],
    },
  });

export type SearchResponse = z.infer<typeof searchResponse>;
