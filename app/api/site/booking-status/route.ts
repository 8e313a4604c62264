import { z } from "zod";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";
import { getBookingStatus } from "@/lib/server/bookings/get-booking-status";

// Site-only route (not part of the public API): the confirmation page polls it until the
// Stripe webhook has created the booking. No guest data in the answer.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const query = z.object({ pi: z.string().regex(/^pi_[A-Za-z0-9_]{1,200}$/, { message: "Expected a PaymentIntent id." }) });

export const GET = defineRoute({
  route: "/api/site/booking-status",
  access: "public",
  cors: "none",
  query,
  handler: async ({ query }) => json(await getBookingStatus({ paymentIntentId: query.pi }), 200, { "Cache-Control": "no-store" }),
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/site/booking-status", ["GET"]);
