import { definePreflight, defineRoute, json, otherMethods } from "@/lib/server/http/define-route";
import { searchStays } from "@/lib/server/search/search-stays";
import { searchQuery, type SearchResponse } from "@/lib/api/schemas/search";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = defineRoute({
  route: "/api/v1/search",
  access: "public",
  cors: "public",
  query: searchQuery,
  handler: async ({ query }) => {
    const data: SearchResponse = await searchStays(query);
    // Holds come and go by the minute: never serve this from a cache.
    return json(data, 200, { "Cache-Control": "no-store" });
  },
});

export const OPTIONS = definePreflight("public", "GET");

export const { POST, PUT, PATCH, DELETE } = otherMethods("/api/v1/search", ["GET", "OPTIONS"]);
