import { checkAvailability } from "@/lib/server/availability/check-availability";
import { definePreflight, defineRoute, json, otherMethods } from "@/lib/server/http/define-route";
import { availabilityQuery, type AvailabilityResponse } from "@/lib/api/schemas/availability";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  route: "/api/v1/availability",
  access: "public",
  cors: "public",
  query: availabilityQuery,
  handler: async ({ query }) => {
    const data: AvailabilityResponse = await checkAvailability({
      unitRef: query.unitId,
      start: query.start,
      end: query.end,
      guests: query.guests,
      pets: query.pets,
    });
    // Holds come and go by the minute: never serve this from a cache.
    return json(data, 200, { "Cache-Control": "no-store" });
  },
});

export const OPTIONS = definePreflight("public", "GET");

export const { POST, PUT, PATCH, DELETE } = otherMethods("/api/v1/availability", ["GET", "OPTIONS"]);
