import { NextResponse, type NextRequest } from "next/server";
import { allowHeader, matchApiRoute } from "@/lib/http/api-route-table";
import { securityHeaders } from "@/lib/http/security-headers";

// Runs before every page and API route (edge runtime: plain data and Web APIs only).
// - Security headers on every answer.
// - /api answers that never reach a route handler keep the API's one JSON error shape: an
//   unknown path is 404, a method the route does not serve is 405 with Allow, and a trailing
//   slash is served as the path without it (no redirect: a redirected POST loses its body).
// - X-Request-Id on every answer, passed to the handler so its logs carry the same id.

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

function withHeaders(response: NextResponse, requestId: string | null): NextResponse {
  for (const [name, value] of Object.entries(securityHeaders({ production: process.env.NODE_ENV === "production" }))) {
    response.headers.set(name, value);
  }
  if (requestId) response.headers.set("X-Request-Id", requestId);
  return response;
}

function apiError(status: 404 | 405, code: string, message: string, requestId: string, headers: Record<string, string> = {}) {
  return withHeaders(NextResponse.json({ error: { code, message, requestId } }, { status, headers: { "Cache-Control": "no-store", ...headers } }), requestId);
}

export function middleware(request: NextRequest): NextResponse {
  const url = request.nextUrl;
  const isApi = url.pathname === "/api" || url.pathname.startsWith("/api/");
  const trimmed = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") || "/" : url.pathname;

  if (!isApi) {
    // Pages keep one canonical address (skipTrailingSlashRedirect turned Next's own redirect off).
    if (trimmed !== url.pathname) {
      // A plain URL: NextURL would keep the trailing slash it was parsed with.
      return withHeaders(NextResponse.redirect(new URL(`${trimmed}${url.search}`, request.url), 308), null);
    }
    return withHeaders(NextResponse.next(), null);
  }

  const given = request.headers.get("x-request-id");
  const requestId = given && SANE_REQUEST_ID.test(given) ? given : crypto.randomUUID();
  const route = matchApiRoute(trimmed);
  if (!route) return apiError(404, "NOT_FOUND", "There is no API endpoint at this path; see /api/v1/openapi.json.", requestId);
  const method = request.method.toUpperCase();
  const served = route.methods.includes(method) || (method === "HEAD" && route.methods.includes("GET"));
  if (!served) {
    const allow = allowHeader(route);
    return apiError(405, "METHOD_NOT_ALLOWED", `This endpoint answers ${allow} only.`, requestId, { Allow: allow });
  }

  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  if (trimmed !== url.pathname) {
    return withHeaders(NextResponse.rewrite(new URL(`${trimmed}${url.search}`, request.url), { request: { headers } }), requestId);
  }
  return withHeaders(NextResponse.next({ request: { headers } }), requestId);
}

export const config = {
  // Everything but Next's own static files.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
