import { bookingIdParams, consoleCancelBody } from "@/lib/api/schemas/admin";
import { cancelFromConsole } from "@/lib/server/admin/cancel-from-console";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/admin/bookings/[id]/cancel",
  access: "console-staff",
  cors: "none",
  params: bookingIdParams,
  body: consoleCancelBody,
  handler: async ({ params, body, admin }) => {
    const result = await cancelFromConsole({ bookingId: params.id, ...body, admin: assertRole(admin, "STAFF") });
    return json({ status: result.status, changed: result.changed, refundCents: result.refund?.amountCents ?? 0 });
  },
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/admin/bookings/[id]/cancel", ["POST"]);
