import { cancelBooking } from "@/lib/server/bookings/cancel-booking";
import { defineRoute, definePreflight, json, otherMethods } from "@/lib/server/http/define-route";
import { actorFor, actorName, toRefundView } from "@/lib/server/refunds/refund-view";
import { cancelBookingBody } from "@/lib/api/schemas/bookings";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/v1/bookings/cancel",
  access: "service-or-owner",
  cors: "private",
  idempotent: true,
  body: cancelBookingBody,
  handler: async ({ body, caller }) => {
    const result = await cancelBooking({
      bookingId: body.bookingId,
      reason: body.reason,
      refundCents: body.refundCents,
      actor: actorFor(caller, body.actor),
    });
    return json({
      ...result,
      cancelledAt: result.cancelledAt?.toISOString() ?? null,
      cancelledBy: actorName(result.cancelledBy),
      refund: result.refund ? toRefundView(result.refund) : null,
    });
  },
});

export const OPTIONS = definePreflight("private", "POST");

export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods("/api/v1/bookings/cancel", ["POST", "OPTIONS"]);
