import { defineRoute, definePreflight, json, otherMethods } from "@/lib/server/http/define-route";
import { refundBooking } from "@/lib/server/refunds/refund-booking";
import { toRefundView } from "@/lib/server/refunds/refund-view";
import { bookingIdParams, refundBookingBody } from "@/lib/api/schemas/bookings";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Owner only: a partial refund of any booking (damage deposit returned, goodwill).
export const POST = defineRoute({
  route: "/api/v1/bookings/[id]/refunds",
  access: "owner",
  cors: "private",
  idempotent: true,
  params: bookingIdParams,
  body: refundBookingBody,
  handler: async ({ params, body }) => {
    const refund = await refundBooking({ bookingId: params.id, actor: { kind: "owner" }, amountCents: body.amountCents, reason: body.reason });
    return json({ bookingId: params.id, refund: toRefundView(refund) }, 201);
  },
});

export const OPTIONS = definePreflight("private", "POST");

export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods("/api/v1/bookings/[id]/refunds", ["POST", "OPTIONS"]);
