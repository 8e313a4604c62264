import { channelExportParams } from "@/lib/api/schemas/channels";
import { definePreflight, defineRoute, otherMethods } from "@/lib/server/http/define-route";
import { buildChannelCalendar } from "@/lib/server/ical/build-channel-calendar";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// A secret URL: only the channel it was made for polls it, so no shared cache may keep it.
const CACHE_CONTROL = "private, max-age=300";

export const GET = defineRoute({
  route: "/api/v1/units/[id]/ical/[token]",
  access: "public",
  cors: "public",
  params: channelExportParams,
  handler: async ({ params, request }) => {
    const calendar = await buildChannelCalendar({ unitRef: params.id, token: params.token.replace(/\.ics$/, "") });
    const headers = {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": CACHE_CONTROL,
      "Content-Disposition": 'inline; filename="palm-aire-court.ics"',
      ETag: calendar.etag,
    };
    const ifNoneMatch = request.headers.get("if-none-match");
    if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim() === calendar.etag)) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(calendar.body, { status: 200, headers });
  },
});

export const OPTIONS = definePreflight("public", "GET", "/api/v1/units/[id]/ical/[token]");

export const { POST, PUT, PATCH, DELETE } = otherMethods("/api/v1/units/[id]/ical/[token]", ["GET", "OPTIONS"]);
