import { cancelBooking } from "@/lib/server/bookings/cancel-booking";
import { defineRoute, definePreflight, json } from "@/lib/server/http/define-route";
import { cancelBookingBody } from "@/lib/api/schemas/bookings";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/v1/bookings/cancel",
  access: "service",
  cors: "private",
  idempotent: true,
  body: cancelBookingBody,
  handler: async ({ body }) => {
    const result = await cancelBooking(body);
    return json({ ...result, cancelledAt: result.cancelledAt?.toISOString() ?? null });
  },
});

export const OPTIONS = definePreflight("private", "POST");
