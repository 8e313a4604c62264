import { bookingListQuery } from "@/lib/api/schemas/admin";
import { exportBookingsCsv } from "@/lib/server/admin/list-bookings";
import { defineRoute, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  route: "/api/admin/bookings/export",
  access: "console-staff",
  cors: "none",
  query: bookingListQuery,
  handler: async ({ query }) =>
    new Response(await exportBookingsCsv(query), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="bookings.csv"',
        "Cache-Control": "no-store",
      },
    }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/admin/bookings/export", ["GET"]);
