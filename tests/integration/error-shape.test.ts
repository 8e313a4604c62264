import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { middleware } from "@/middleware";
import { API_ROUTES } from "@/lib/http/api-route-table";
import { securityHeaders } from "@/lib/http/security-headers";
import { callRoute } from "../support/call-route";
import { discoverRoutes } from "../support/app-server";

// One JSON error shape for every /api answer, including the ones no route handler gives: an
// unknown path is 404, a method a route does not serve is 405 with Allow, a trailing slash is
// served without a redirect, a non-JSON body on a JSON route is 415, a 401 says how to
// authenticate, and every answer carries X-Request-Id and the security headers. Before: HTML
// 404 pages under /api, 405 with an empty body and no Allow, 308 on a trailing slash, text/plain
// accepted, no WWW-Authenticate.

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
type Handler = (request: Request, context: { params: Record<string, string> }) => Promise<Response>;

/** A concrete path for a template: [id] segments become "essex". */
const concrete = (template: string) => template.replace(/\[[^\]]+\]/g, "essex");

function run(path: string, method = "GET", headers: Record<string, string> = {}) {
  return middleware(new NextRequest(new URL(path, "http://localhost:3000"), { method, headers }));
}

async function expectErrorShape(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
}

describe("the route table the middleware uses", () => {
  it("lists exactly the route files under app/api and the methods each exports", async () => {
    const files = discoverRoutes();
    expect(API_ROUTES.map((r) => r.template).sort()).toEqual(files.map((f) => f.template).sort());
    for (const file of files) {
      const mod = (await import(/* @vite-ignore */ `@/${file.file.replace(/\.ts$/, "")}`)) as Record<string, unknown>;
      const exported = METHODS.filter((m) => typeof mod[m] === "function");
      expect(API_ROUTES.find((r) => r.template === file.template)!.methods.slice().sort(), file.template).toEqual(exported.sort());
    }
  });
});

describe("answers no handler gives", () => {
  for (const route of API_ROUTES) {
    const path = concrete(route.template);
    for (const method of METHODS) {
      const served = route.methods.includes(method) || (method === "HEAD" && route.methods.includes("GET"));
      it(`${method} ${route.template} ${served ? "reaches its handler" : "is 405 with Allow"}`, async () => {
        const res = run(path, method);
        expect(res.headers.get("x-request-id")).toBeTruthy();
        if (served) {
          expect(res.headers.get("x-middleware-next")).toBe("1");
          return;
        }
        await expectErrorShape(res, 405, "METHOD_NOT_ALLOWED");
        const allow = res.headers.get("allow")!.split(", ");
        expect(allow).toEqual(expect.arrayContaining(route.methods as string[]));
        expect(allow).not.toContain(method);
      });
    }
  }

  for (const path of ["/api", "/api/", "/api/v1", "/api/v2/units", "/api/v1/nope", "/api/v1/units/essex/nope", "/api/v1/holds/extra"]) {
    it(`an unknown API path ${path} is 404 JSON`, async () => {
      await expectErrorShape(run(path, "GET"), 404, "NOT_FOUND");
      await expectErrorShape(run(path, "POST"), 404, "NOT_FOUND");
    });
  }

  it("a trailing slash is served in place, not redirected, for GET and POST", () => {
    for (const [path, method] of [["/api/v1/units/", "GET"], ["/api/v1/holds/", "POST"], ["/api/v1/units/essex/ical.ics/", "GET"]] as const) {
      const res = run(path, method);
      expect(res.status).toBe(200);
      expect(res.headers.get("location")).toBeNull();
      expect(new URL(res.headers.get("x-middleware-rewrite")!).pathname).toBe(path.replace(/\/$/, ""));
    }
  });

  it("keeps a sane X-Request-Id from the caller and passes it to the handler", () => {
    const res = run("/api/v1/units", "GET", { "x-request-id": "caller-id-12345" });
    expect(res.headers.get("x-request-id")).toBe("caller-id-12345");
    expect(res.headers.get("x-middleware-request-x-request-id")).toBe("caller-id-12345");
    const replaced = run("/api/v1/units", "GET", { "x-request-id": "bad id <script>" });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("answers the handlers give", () => {
  const load = async (template: string, method: string) =>
    ((await import(/* @vite-ignore */ `@/app${template}/route`)) as Record<string, Handler>)[method]!;

  for (const template of ["/api/v1/holds", "/api/v1/checkout", "/api/v1/bookings/cancel"]) {
    it(`POST ${template} without credentials is 401 with WWW-Authenticate`, async () => {
      const res = await callRoute(await load(template, "POST"), { path: template, body: {} });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHORIZED");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
      expect(res.headers.get("x-request-id")).toBeTruthy();
    });
  }

  it("the cron route without its secret is 401 with WWW-Authenticate", async () => {
    const res = await callRoute(await load("/api/internal/expire-holds", "GET"), { path: "/api/internal/expire-holds" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("a text/plain or form body on a JSON route is 415", async () => {
    const quote = await load("/api/v1/quote", "POST");
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await callRoute(quote, { path: "/api/v1/quote", rawBody: '{"unitId":"essex"}', headers: { "content-type": type } });
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      expect(res.headers.get("x-request-id")).toBeTruthy();
    }
    const json = await callRoute(quote, { path: "/api/v1/quote", rawBody: "{}", headers: { "content-type": "application/json; charset=utf-8" } });
    expect(json.status).toBe(400); // parsed as JSON, refused by the schema
  });
});

describe("security headers", () => {
  it("are on a page and on an API answer, errors included", () => {
    for (const res of [run("/"), run("/checkout?holdId=x"), run("/api/v1/units"), run("/api/v1/nope")]) {
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      // Not production here: no HSTS on plain-HTTP development servers.
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("HSTS is sent in production", () => {
    expect(securityHeaders({ production: true })["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
  });

  it("a page address with a trailing slash still redirects to the canonical one", () => {
    const res = run("/units/essex/");
    expect(res.status).toBe(308);
    expect(new URL(res.headers.get("location")!).pathname).toBe("/units/essex");
  });
});
