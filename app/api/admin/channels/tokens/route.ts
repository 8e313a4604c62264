import { consoleExportTokenBody } from "@/lib/api/schemas/admin";
import { createExportTokenFromConsole } from "@/lib/server/admin/manage-channels";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/admin/channels/tokens",
  access: "console-owner",
  cors: "none",
  body: consoleExportTokenBody,
  handler: async ({ body, admin }) => json(await createExportTokenFromConsole({ input: body, actor: assertRole(admin, "OWNER") }), 201),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/admin/channels/tokens", ["POST"]);
