import { defineRoute, definePreflight, json } from "@/lib/server/http/define-route";
import { createHold } from "@/lib/server/holds/create-hold";
import { createHoldBody } from "./schema";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/v1/holds",
  access: "service",
  cors: "private",
  body: createHoldBody,
  rateLimit: { bucket: "holds", key: (ctx) => ctx.body.unitId.toLowerCase() },
  handler: async ({ body }) => {
    const hold = await createHold(body);
    return json({ ...hold, expiresAt: hold.expiresAt.toISOString() }, 201);
  },
});

export const OPTIONS = definePreflight("private", "POST");
