import { noSuchEndpointHandlers } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Any /api path no other route serves (every route is more specific than this one), so callers
// get the API's JSON 404 instead of the site's HTML page.
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = noSuchEndpointHandlers();
