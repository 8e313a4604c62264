import { definePreflight, defineRoute, json, otherMethods } from "@/lib/server/http/define-route";
import { getQuote } from "@/lib/server/quotes/get-quote";
import { quoteRequest } from "@/lib/api/schemas/quote";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/v1/quote",
  access: "public",
  cors: "public",
  body: quoteRequest,
  handler: async ({ body }) => json(await getQuote(body), 200, { "Cache-Control": "no-store" }),
});

export const OPTIONS = definePreflight("public", "POST");

export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods("/api/v1/quote", ["POST", "OPTIONS"]);
