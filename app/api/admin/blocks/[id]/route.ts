import { idParams } from "@/lib/api/schemas/admin";
import { unblockNights } from "@/lib/server/admin/manage-blocks";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const DELETE = defineRoute({
  route: "/api/admin/blocks/[id]",
  access: "console-staff",
  cors: "none",
  params: idParams,
  handler: async ({ params, admin }) => {
    await unblockNights({ blockId: params.id, admin: assertRole(admin, "STAFF") });
    return json({ removed: true });
  },
});

export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = otherMethods("/api/admin/blocks/[id]", ["DELETE"]);
