import { buildOpenApiDocument } from "@/lib/openapi/build-document";
import { definePreflight, defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

// GET /api/v1/openapi.json: the OpenAPI 3.1 document, generated from the routes' zod schemas.
// The folder is literally named "openapi.json". Built once per process (it never changes at run time).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

export const GET = defineRoute({
  route: "/api/v1/openapi.json",
  access: "public",
  cors: "public",
  handler: () => {
    cached ??= buildOpenApiDocument();
    return json(cached, 200, { "Cache-Control": "public, max-age=300" });
  },
});

export const OPTIONS = definePreflight("public", "GET");

export const { POST, PUT, PATCH, DELETE } = otherMethods("/api/v1/openapi.json", ["GET", "OPTIONS"]);
