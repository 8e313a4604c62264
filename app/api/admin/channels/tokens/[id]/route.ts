import { idParams } from "@/lib/api/schemas/admin";
import { revokeExportTokenFromConsole } from "@/lib/server/admin/manage-channels";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const DELETE = defineRoute({
  route: "/api/admin/channels/tokens/[id]",
  access: "console-owner",
  cors: "none",
  params: idParams,
  handler: async ({ params, admin }) => json(await revokeExportTokenFromConsole({ tokenId: params.id, actor: assertRole(admin, "OWNER") })),
});

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods("/api/admin/channels/tokens/[id]", ["DELETE"]);
