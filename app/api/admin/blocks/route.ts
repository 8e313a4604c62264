import { ownerBlockBody } from "@/lib/api/schemas/admin";
import { blockNights } from "@/lib/server/admin/manage-blocks";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/admin/blocks",
  access: "console-staff",
  cors: "none",
  body: ownerBlockBody,
  handler: async ({ body, admin }) => json(await blockNights({ ...body, admin: assertRole(admin, "STAFF") }), 201),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/admin/blocks", ["POST"]);
