import { z } from "zod";
import { unitRef } from "@/lib/api/schemas/common";
import { unknownUnit } from "@/lib/server/errors";
import { definePreflight, defineRoute, otherMethods } from "@/lib/server/http/define-route";
import { buildUnitCalendar } from "@/lib/server/ical/build-unit-calendar";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Calendar apps poll every few minutes to hours; five minutes of caching keeps a cancelled
// booking visible at most that long while sparing the database.
const CACHE_CONTROL = "public, max-age=300";

export const GET = defineRoute({
  route: "/api/v1/units/[id]/ical.ics",
  access: "public",
  cors: "public",
  params: z.object({ id: unitRef }),
  handler: async ({ params, request }) => {
    const calendar = await buildUnitCalendar(params.id);
    if (!calendar) throw unknownUnit();
    const headers = {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": CACHE_CONTROL,
      "Content-Disposition": `inline; filename="palm-aire-court-${calendar.slug}.ics"`,
      ETag: calendar.etag,
    };
    const ifNoneMatch = request.headers.get("if-none-match");
    if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim() === calendar.etag)) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(calendar.body, { status: 200, headers });
  },
});

export const OPTIONS = definePreflight("public", "GET", "/api/v1/units/[id]/ical.ics");

export const { POST, PUT, PATCH, DELETE } = otherMethods("/api/v1/units/[id]/ical.ics", ["GET", "OPTIONS"]);
