import { rateChangesBody } from "@/lib/api/schemas/admin";
import { saveRateChanges } from "@/lib/server/admin/rates/save-rate-changes";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/admin/rates/preview",
  access: "console-owner",
  cors: "none",
  body: rateChangesBody,
  handler: async ({ body, admin }) => json(await saveRateChanges({ changes: body, actor: assertRole(admin, "OWNER"), preview: true })),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/admin/rates/preview", ["POST"]);
