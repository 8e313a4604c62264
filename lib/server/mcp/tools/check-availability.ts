import "server-only";
import { availabilityQuery } from "@/lib/api/schemas/availability";
import { daysBetween } from "@/lib/dates";
import { checkAvailability } from "@/lib/server/availability/check-availability";
import { sayDate, sayNights } from "../say";
import { defineTool } from "../types";

export const checkAvailabilityTool = defineTool({
  name: "check_availability",
  title: "Check availability",
  description:
    "Whether one unit is free for every night from start (arrival day) to end (departure day, not a night of the stay). " +
    "Dates are YYYY-MM-DD in the property's calendar. Returns isAvailable, a reason when not, and the blocking stays.",
  input: availabilityQuery,
  mutating: false,
  async run(args, { now }) {
    const result = await checkAvailability({ unitRef: args.unitId, start: args.start, end: args.end, now });
    const span = `${sayNights(daysBetween(args.start, args.end))} from ${sayDate(args.start)} to ${sayDate(args.end)}`;
    const say = result.isAvailable ? `${args.unitId} is free for the ${span}.` : `${args.unitId} is not available for the ${span}: ${result.reason}`;
    return { data: { ...result }, say };
  },
});
