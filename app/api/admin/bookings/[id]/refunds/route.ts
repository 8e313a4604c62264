import { bookingIdParams, consoleRefundBody } from "@/lib/api/schemas/admin";
import { refundFromConsole } from "@/lib/server/admin/cancel-from-console";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/admin/bookings/[id]/refunds",
  access: "console-owner",
  cors: "none",
  params: bookingIdParams,
  body: consoleRefundBody,
  handler: async ({ params, body, admin }) => {
    const refund = await refundFromConsole({ bookingId: params.id, ...body, admin: assertRole(admin, "OWNER") });
    return json({ refundId: refund.id, amountCents: refund.amountCents, status: refund.status }, 201);
  },
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/admin/bookings/[id]/refunds", ["POST"]);
