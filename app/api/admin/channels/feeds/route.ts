import { consoleFeedBody } from "@/lib/api/schemas/admin";
import { addFeedFromConsole } from "@/lib/server/admin/manage-channels";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/admin/channels/feeds",
  access: "console-owner",
  cors: "none",
  body: consoleFeedBody,
  handler: async ({ body, admin }) => json(await addFeedFromConsole({ input: body, actor: assertRole(admin, "OWNER") }), 201),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/admin/channels/feeds", ["POST"]);
