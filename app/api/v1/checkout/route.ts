import { startCheckout } from "@/lib/server/checkout/start-checkout";
import { prisma } from "@/lib/server/db/client";
import { defineRoute, definePreflight, json, otherMethods } from "@/lib/server/http/define-route";
import { checkoutBody } from "@/lib/api/schemas/checkout";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/v1/checkout",
  access: "service",
  cors: "private",
  idempotent: true,
  body: checkoutBody,
  rateLimit: {
    bucket: "checkout",
    // Limited per unit like holds; an unknown hold falls back to its id (the handler 404s it).
    key: async (ctx) =>
      (await prisma.hold.findUnique({ where: { id: ctx.body.holdId }, select: { unitId: true } }))?.unitId ?? ctx.body.holdId,
  },
  handler: async ({ body }) => {
    const result = await startCheckout(body);
    return json({ ...result, expiresAt: result.expiresAt.toISOString() });
  },
});

export const OPTIONS = definePreflight("private", "POST");

export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods("/api/v1/checkout", ["POST", "OPTIONS"]);
