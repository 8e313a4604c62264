import "server-only";
import { z } from "zod";
import { guests, isoDate, pets, withStayRules } from "@/lib/api/schemas/common";
import { unitType } from "@/lib/api/schemas/units";
import { searchStays } from "@/lib/server/search/search-stays";
import { sayDate, sayMoney, sayNights } from "../say";
import { defineTool } from "../types";

// GET /api/v1/search's query schema with numbers where the query string has text: the same fields,
// rules and messages, in the shape a tool call sends.
const searchInput = withStayRules(
  z.strictObject({
    checkIn: isoDate.meta({ description: "Arrival day (YYYY-MM-DD, property time zone)." }),
    checkOut: isoDate.meta({ description: "Departure day (not a night of the stay)." }),
    guests,
    pets: pets.optional(),
    type: unitType.optional(),
  }),
);

export const searchStaysTool = defineTool({
  name: "search_stays",
  title: "Search stays",
  description:
    "Every unit that can take a party of `guests` (and `pets`) for the nights from checkIn (arrival day) to checkOut (departure day), " +
    "judged exactly as a hold would be (free nights, stay rules, capacity, pets), with its total price including fees and taxes, cheapest first. " +
    "Optionally only one unit type. Use it first when the guest has dates but no unit in mind.",
  input: searchInput,
  mutating: false,
  async run(args, { now }) {
    const result = await searchStays({ checkIn: args.checkIn, checkOut: args.checkOut, guests: args.guests, pets: args.pets, type: args.type, now });
    const span = `${sayNights(result.results[0]?.nights ?? 0)} from ${sayDate(args.checkIn)} to ${sayDate(args.checkOut)}`;
    const cheapest = result.results[0];
    const say = cheapest
      ? `${result.results.length} ${result.results.length === 1 ? "unit is" : "units are"} free for ${args.guests} ${args.guests === 1 ? "guest" : "guests"}, ${span}; the cheapest is ${cheapest.unit.name} at ${sayMoney(cheapest.totalCents, cheapest.currency)} in total.`
      : `No unit can take ${args.guests} ${args.guests === 1 ? "guest" : "guests"} from ${sayDate(args.checkIn)} to ${sayDate(args.checkOut)}; try other dates.`;
    return { data: { ...result }, say };
  },
});
