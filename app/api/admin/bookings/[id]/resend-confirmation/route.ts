import { bookingIdParams, resendConfirmationBody } from "@/lib/api/schemas/admin";
import { resendConfirmation } from "@/lib/server/admin/resend-confirmation";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/admin/bookings/[id]/resend-confirmation",
  access: "console-staff",
  cors: "none",
  params: bookingIdParams,
  body: resendConfirmationBody,
  handler: async ({ params, body, admin }) =>
    json(await resendConfirmation({ bookingId: params.id, requestKey: body.requestKey, admin: assertRole(admin, "STAFF") }), 202),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/admin/bookings/[id]/resend-confirmation", ["POST"]);
