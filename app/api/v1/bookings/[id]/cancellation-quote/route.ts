import { now } from "@/lib/clock";
import { previewCancellation } from "@/lib/server/bookings/cancel-booking";
import { policyView } from "@/lib/server/cancellation/get-cancellation-terms";
import { defineRoute, definePreflight, json, otherMethods } from "@/lib/server/http/define-route";
import { actorFor } from "@/lib/server/refunds/refund-view";
import { bookingIdParams } from "@/lib/api/schemas/bookings";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// POST, not GET: the answer depends on the moment it is asked, and must never be cached.
export const POST = defineRoute({
  route: "/api/v1/bookings/[id]/cancellation-quote",
  access: "service-or-owner",
  cors: "private",
  params: bookingIdParams,
  handler: async ({ params, caller }) => {
    const asOf = now();
    const preview = await previewCancellation({ bookingId: params.id, actor: actorFor(caller, undefined), now: asOf });
    return json(
      {
        bookingId: preview.bookingId,
        status: preview.status,
        cancellable: preview.cancellable,
        asOf: asOf.toISOString(),
        quote: preview.quote,
        cancellationPolicy: policyView(preview.snapshot),
      },
      200,
      { "Cache-Control": "no-store" },
    );
  },
});

export const OPTIONS = definePreflight("private", "POST");

export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods("/api/v1/bookings/[id]/cancellation-quote", ["POST", "OPTIONS"]);
