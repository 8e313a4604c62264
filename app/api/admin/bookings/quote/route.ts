import { manualStayBody } from "@/lib/api/schemas/admin";
import { priceManualBooking } from "@/lib/server/admin/create-manual-booking";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// The server's price of a manual booking, shown line by line before it is saved.
export const POST = defineRoute({
  route: "/api/admin/bookings/quote",
  access: "console-staff",
  cors: "none",
  body: manualStayBody,
  handler: async ({ body, admin }) => {
    const { unit, checkIn, checkOut, quote, engineTotalCents, overridden, waivedRule } = await priceManualBooking({ ...body, admin: assertRole(admin, "STAFF") });
    return json({ unit, checkIn, checkOut, quote, engineTotalCents, overridden, waivedRule });
  },
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/admin/bookings/quote", ["POST"]);
