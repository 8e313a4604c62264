import { consoleFeedUpdateBody, idParams } from "@/lib/api/schemas/admin";
import { removeFeedFromConsole, setFeedEnabledFromConsole } from "@/lib/server/admin/manage-channels";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const PATCH = defineRoute({
  route: "/api/admin/channels/feeds/[id]",
  access: "console-owner",
  cors: "none",
  params: idParams,
  body: consoleFeedUpdateBody,
  handler: async ({ params, body, admin }) => json(await setFeedEnabledFromConsole({ feedId: params.id, enabled: body.enabled, actor: assertRole(admin, "OWNER") })),
});

export const DELETE = defineRoute({
  route: "/api/admin/channels/feeds/[id]",
  access: "console-owner",
  cors: "none",
  params: idParams,
  handler: async ({ params, admin }) => json(await removeFeedFromConsole({ feedId: params.id, actor: assertRole(admin, "OWNER") })),
});

export const { GET, HEAD, POST, PUT, OPTIONS } = otherMethods("/api/admin/channels/feeds/[id]", ["PATCH", "DELETE"]);
