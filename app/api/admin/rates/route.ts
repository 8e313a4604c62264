import { rateChangesBody } from "@/lib/api/schemas/admin";
import { saveRateChanges } from "@/lib/server/admin/rates/save-rate-changes";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const PUT = defineRoute({
  route: "/api/admin/rates",
  access: "console-owner",
  cors: "none",
  body: rateChangesBody,
  handler: async ({ body, admin }) => json(await saveRateChanges({ changes: body, actor: assertRole(admin, "OWNER"), preview: false })),
});

export const { GET, HEAD, POST, PATCH, DELETE, OPTIONS } = otherMethods("/api/admin/rates", ["PUT"]);
