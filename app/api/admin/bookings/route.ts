import { manualBookingBody } from "@/lib/api/schemas/admin";
import { createManualBooking } from "@/lib/server/admin/create-manual-booking";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// A manual booking (phone or walk-in guest). Staff may take one at the engine's price; the
// service refuses an override or waived rules to anyone but the owner.
export const POST = defineRoute({
  route: "/api/admin/bookings",
  access: "console-staff",
  cors: "none",
  body: manualBookingBody,
  handler: async ({ body, admin }) => {
    const result = await createManualBooking({ ...body, admin: assertRole(admin, "STAFF") });
    return json(result.kind === "payment-link" ? { ...result, expiresAt: result.expiresAt.toISOString() } : result, 201);
  },
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/admin/bookings", ["POST"]);
