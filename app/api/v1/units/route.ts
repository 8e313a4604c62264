import { definePreflight, defineRoute, json, otherMethods } from "@/lib/server/http/define-route";
import { listUnits } from "@/lib/server/units/list-units";
import { listUnitsQuery, type ListUnitsResponse } from "@/lib/api/schemas/units";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  route: "/api/v1/units",
  access: "public",
  cors: "public",
  query: listUnitsQuery,
  handler: async () => {
    const data: ListUnitsResponse = { units: await listUnits() };
    // Units and rates change rarely; a minute of caching spares the database on busy pages.
    return json(data, 200, { "Cache-Control": "public, max-age=60" });
  },
});

export const OPTIONS = definePreflight("public", "GET");

export const { POST, PUT, PATCH, DELETE } = otherMethods("/api/v1/units", ["GET", "OPTIONS"]);
