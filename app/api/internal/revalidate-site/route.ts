import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";
import { revalidateGuestPages } from "@/lib/server/site/revalidate-site";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// For changes made outside the app's own write paths (`npm run db:seed`, a manual SQL fix):
// the cached guest pages are rendered again on their next request. Same secret as the cron.
export const POST = defineRoute({
  route: "/api/internal/revalidate-site",
  access: "cron",
  cors: "none",
  handler: async () => {
    revalidateGuestPages("manual request");
    return json({ revalidated: true });
  },
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/internal/revalidate-site", ["POST"]);
