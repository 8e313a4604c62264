import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";
import { DB_RETRY_AFTER_SECONDS } from "@/lib/server/db/map-db-error";
import { checkHealth } from "@/lib/server/health/check-health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  route: "/api/v1/health",
  access: "public",
  cors: "public",
  handler: async () => {
    const health = await checkHealth();
    return json(health, health.ok ? 200 : 503, {
      "Cache-Control": "no-store",
      ...(health.ok ? {} : { "Retry-After": String(DB_RETRY_AFTER_SECONDS) }),
    });
  },
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/v1/health", ["GET"]);
