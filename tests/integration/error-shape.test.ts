import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createRequire } from "node:module";
import { callRoute } from "../support/call-route";
import { discoverRoutes, startAppServer, type AppServer } from "../support/app-server";

// One JSON error shape for every /api answer, including the ones Next.js would give itself: an
// unknown path is 404 (app/api/[[...path]]), a method a route does not serve is 405 with Allow
// (each route file exports otherMethods), a non-JSON body on a JSON route is 415, a 401 says how
// to authenticate, and every answer carries X-Request-Id; the security headers come from
// next.config.js. Before: HTML 404 pages under /api, 405 with an empty body and no Allow, 204 to
// OPTIONS, text/plain accepted, no WWW-Authenticate. How the production server routes these
// (trailing slashes, redirects, headers on the wire) is tests/e2e/hardening.spec.ts.

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Handler = (request: Request, context: { params: Record<string, string> }) => Promise<Response>;

async function expectErrorShape(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
}

const load = async (file: string) => (await import(/* @vite-ignore */ `@/${file.replace(/\.ts$/, "")}`)) as Record<string, Handler | undefined>;
const request = (method: string, headers: Record<string, string> = {}) => new Request("http://localhost:3000/api/x", { method, headers });

describe("every route file answers all seven methods", () => {
  for (const route of discoverRoutes().filter((r) => r.template !== "/api/[[...path]]")) {
    it(`${route.template}: the methods it does not serve are 405 with an Allow that names the ones it does`, async () => {
      const mod = await load(route.file);
      // HEAD is Next.js's own where a route has GET; any other method without a handler would get
      // Next.js's empty 405.
      const handlers = METHODS.map((m) => mod[m] ?? (m === "HEAD" ? mod.GET : undefined));
      expect(handlers.every((h) => typeof h === "function"), `exports ${METHODS.filter((m, i) => !handlers[i]).join(", ")} missing`).toBe(true);
      // The refusal is one function for all the methods a route leaves out, and every route
      // leaves out at least four of the seven.
      const refusal = handlers.find((h) => handlers.filter((x) => x === h).length >= 4)!;
      const served = METHODS.filter((_, i) => handlers[i] !== refusal);
      expect(served.length).toBeGreaterThan(0);
      for (const method of METHODS.filter((m) => !served.includes(m))) {
        const res = await refusal(request(method), { params: {} });
        await expectErrorShape(res, 405, "METHOD_NOT_ALLOWED");
        expect(res.headers.get("allow")!.split(", ").sort(), method).toEqual([...served].sort());
      }
    });
  }

  it("a caller's sane X-Request-Id is kept, anything else replaced", async () => {
    const { PUT } = await load("app/api/v1/units/route.ts");
    const kept = await PUT!(request("PUT", { "x-request-id": "caller-id-12345" }), { params: {} });
    expect(kept.headers.get("x-request-id")).toBe("caller-id-12345");
    const replaced = await PUT!(request("PUT", { "x-request-id": "bad id <script>" }), { params: {} });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("an /api path no route serves", () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer();
  });
  afterAll(async () => {
    await server.close();
  });

  for (const path of ["/api", "/api/", "/api/v1", "/api/v2/units", "/api/v1/nope", "/api/v1/units/essex/nope", "/api/v1/holds/extra"]) {
    it(`${path} is 404 JSON for every method`, async () => {
      for (const method of ["GET", "POST", "DELETE", "OPTIONS"]) {
        const res = await fetch(`${server.url}${path}`, { method, headers: method === "POST" ? { "content-type": "application/json" } : {}, body: method === "POST" ? "{}" : undefined });
        await expectErrorShape(res, 404, "NOT_FOUND");
      }
    });
  }

  it("a real route still wins over the catch-all", async () => {
    const res = await fetch(`${server.url}/api/v1/holds`, { method: "GET" });
    await expectErrorShape(res, 405, "METHOD_NOT_ALLOWED");
    expect(res.headers.get("allow")).toBe("POST, OPTIONS");
  });
});

describe("answers the handlers give", () => {
  const handlerOf = async (template: string, method: string) =>
    ((await import(/* @vite-ignore */ `@/app${template}/route`)) as Record<string, Handler>)[method]!;

  for (const template of ["/api/v1/holds", "/api/v1/checkout", "/api/v1/bookings/cancel"]) {
    it(`POST ${template} without credentials is 401 with WWW-Authenticate`, async () => {
      const res = await callRoute(await handlerOf(template, "POST"), { path: template, body: {} });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHORIZED");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
      expect(res.headers.get("x-request-id")).toBeTruthy();
    });
  }

  it("the cron route without its secret is 401 with WWW-Authenticate", async () => {
    const res = await callRoute(await handlerOf("/api/internal/expire-holds", "GET"), { path: "/api/internal/expire-holds" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("a text/plain or form body on a JSON route is 415", async () => {
    const quote = await handlerOf("/api/v1/quote", "POST");
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

describe("security headers (next.config.js)", () => {
  type Config = { headers(): Promise<Array<{ source: string; headers: Array<{ key: string; value: string }> }>> };
  const config = () => createRequire(import.meta.url)("../../next.config.js") as Config;
  const headersIn = async () => {
    const rules = await config().headers();
    expect(rules.map((r) => r.source)).toEqual(["/(.*)"]);
    return Object.fromEntries(rules[0]!.headers.map((h) => [h.key.toLowerCase(), h.value]));
  };

  it("apply to every path, pages and API alike", async () => {
    const headers = await headersIn();
    expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"]).toContain("default-src 'self'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
    // Not production here: no HSTS on plain-HTTP development servers, and eval for React's dev build.
    expect(headers["strict-transport-security"]).toBeUndefined();
    expect(headers["content-security-policy"]).toContain("'unsafe-eval'");
  });

  it("HSTS is sent in production, and no eval is allowed", async () => {
    vi.stubEnv("NODE_ENV", "production");
    try {
      const headers = await headersIn();
      expect(headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
      expect(headers["content-security-policy"]).not.toContain("'unsafe-eval'");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
