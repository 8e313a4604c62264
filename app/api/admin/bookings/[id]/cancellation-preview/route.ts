import { bookingIdParams, consoleCancelBody } from "@/lib/api/schemas/admin";
import { previewConsoleCancellation } from "@/lib/server/admin/cancel-from-console";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/admin/bookings/[id]/cancellation-preview",
  access: "console-staff",
  cors: "none",
  params: bookingIdParams,
  body: consoleCancelBody,
  handler: async ({ params, body, admin }) => {
    const preview = await previewConsoleCancellation({ bookingId: params.id, refundCents: body.refundCents, admin: assertRole(admin, "STAFF") });
    return json({ cancellable: preview.cancellable, refundCents: preview.quote.refundCents, refundableCents: preview.quote.refundableCents, rule: preview.quote.rule, currency: preview.quote.currency });
  },
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/admin/bookings/[id]/cancellation-preview", ["POST"]);
