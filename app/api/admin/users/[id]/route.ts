import { consoleUserUpdateBody, idParams } from "@/lib/api/schemas/admin";
import { updateConsoleUser } from "@/lib/server/admin/manage-console-users";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const PATCH = defineRoute({
  route: "/api/admin/users/[id]",
  access: "console-owner",
  cors: "none",
  params: idParams,
  body: consoleUserUpdateBody,
  handler: async ({ params, body, admin }) => {
    await updateConsoleUser({ userId: params.id, ...body, actor: assertRole(admin, "OWNER") });
    return json({ saved: true });
  },
});

export const { GET, HEAD, POST, PUT, DELETE, OPTIONS } = otherMethods("/api/admin/users/[id]", ["PATCH"]);
