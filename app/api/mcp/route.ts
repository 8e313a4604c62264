import { AppError } from "@/lib/server/errors";
import { defineRoute, otherMethods } from "@/lib/server/http/define-route";
import { handleMcpRequest } from "@/lib/server/mcp/mcp-server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// The MCP server (Streamable HTTP, stateless). Same bearer keys as the private API; agents call
// it server to server, so no CORS. A GET (server-sent event stream) is not offered: 405.
export const POST = defineRoute({
  route: "/api/mcp",
  access: "service",
  cors: "none",
  maxBodyBytes: 64 * 1024,
  handler: async ({ request, rawBody, identity }) => {
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      throw new AppError("INVALID_JSON", "The request body is not valid JSON.");
    }
    return handleMcpRequest({ request, body, identity: identity! });
  },
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/mcp", ["POST"]);
