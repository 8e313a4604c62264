import { definePreflight, defineRoute, json, otherMethods } from "@/lib/server/http/define-route";
import { getUnit } from "@/lib/server/units/get-unit";
import { getUnitParams, getUnitQuery, type UnitDetailResponse } from "@/lib/api/schemas/units";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  route: "/api/v1/units/[id]",
  access: "public",
  cors: "public",
  params: getUnitParams,
  query: getUnitQuery,
  handler: async ({ params }) => {
    const data: UnitDetailResponse = await getUnit({ unitRef: params.id });
    return json(data, 200, { "Cache-Control": "public, max-age=60" });
  },
});

export const OPTIONS = definePreflight("public", "GET");

export const { POST, PUT, PATCH, DELETE } = otherMethods("/api/v1/units/[id]", ["GET", "OPTIONS"]);
