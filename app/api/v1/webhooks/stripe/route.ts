import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";
import { verifyStripeEvent } from "@/lib/server/stripe";
import { handleStripeEvent } from "@/lib/server/webhooks/handle-stripe-event";
import { STRIPE_WEBHOOK_MAX_BODY_BYTES } from "@/lib/api/schemas/stripe-webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Public (Stripe calls it) and authenticated by the signature instead of a bearer key. No body
// schema: the signature covers the exact raw bytes. Any failure answers non-2xx so Stripe redelivers.
export const POST = defineRoute({
  route: "/api/v1/webhooks/stripe",
  access: "public",
  cors: "none",
  maxBodyBytes: STRIPE_WEBHOOK_MAX_BODY_BYTES,
  handler: async ({ rawBody, request }) => {
    const event = verifyStripeEvent(rawBody, request.headers.get("stripe-signature"));
    const outcome = await handleStripeEvent(event);
    return json({ received: true, outcome });
  },
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/v1/webhooks/stripe", ["POST"]);
