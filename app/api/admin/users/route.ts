import { consoleUserBody } from "@/lib/api/schemas/admin";
import { addConsoleUser } from "@/lib/server/admin/manage-console-users";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/admin/users",
  access: "console-owner",
  cors: "none",
  body: consoleUserBody,
  handler: async ({ body, admin }) => json(await addConsoleUser({ ...body, actor: assertRole(admin, "OWNER") }), 201),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/admin/users", ["POST"]);
