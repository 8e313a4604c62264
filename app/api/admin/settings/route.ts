import { propertySettingsBody } from "@/lib/api/schemas/admin";
import { updatePropertySettings } from "@/lib/server/admin/update-property-settings";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const PUT = defineRoute({
  route: "/api/admin/settings",
  access: "console-owner",
  cors: "none",
  body: propertySettingsBody,
  handler: async ({ body, admin }) => {
    await updatePropertySettings({ values: body, actor: assertRole(admin, "OWNER") });
    return json({ saved: true });
  },
});

export const { GET, HEAD, POST, PATCH, DELETE, OPTIONS } = otherMethods("/api/admin/settings", ["PUT"]);
