import { lookupBooking } from "@/lib/server/bookings/lookup-booking";
import { defineRoute, definePreflight, json, otherMethods } from "@/lib/server/http/define-route";
import { lookupBookingBody } from "@/lib/api/schemas/bookings";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/v1/bookings/lookup",
  access: "service",
  cors: "private",
  body: lookupBookingBody,
  // Per client (the guest's address when the site calls on their behalf), whatever the code:
  // guessing codes for one email, or emails for one code, spends the same budget.
  rateLimit: { bucket: "lookup", key: () => "any" },
  handler: async ({ body }) => json(await lookupBooking(body), 200, { "Cache-Control": "no-store" }),
});

export const OPTIONS = definePreflight("private", "POST");

export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods("/api/v1/bookings/lookup", ["POST", "OPTIONS"]);
