import { defineRoute, definePreflight, json, otherMethods } from "@/lib/server/http/define-route";
import { createHold } from "@/lib/server/holds/create-hold";
import { unitRateLimitKey } from "@/lib/server/units/unit-ref";
import { createHoldBody } from "@/lib/api/schemas/holds";
import { forwardedGuestAddress } from "@/lib/server/http/client-ip";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/v1/holds",
  access: "service",
  cors: "private",
  idempotent: true,
  body: createHoldBody,
  // Keyed on the unit's real id, so alternating its id and slug cannot double the budget.
  rateLimit: { bucket: "holds", key: (ctx) => unitRateLimitKey(ctx.body.unitId) },
  handler: async ({ body, request }) => {
    // access "service": the key was checked, so the forwarded guest address can be believed.
    const hold = await createHold({ ...body, guestAddress: forwardedGuestAddress(request.headers) });
    return json({ ...hold, expiresAt: hold.expiresAt.toISOString() }, 201);
  },
});

export const OPTIONS = definePreflight("private", "POST");

export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods("/api/v1/holds", ["POST", "OPTIONS"]);
