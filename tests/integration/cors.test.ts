import { describe, expect, it } from "vitest";
import * as holds from "@/app/api/v1/holds/route";
import * as checkout from "@/app/api/v1/checkout/route";
import * as cancel from "@/app/api/v1/bookings/cancel/route";
import * as units from "@/app/api/v1/units/route";
import * as unit from "@/app/api/v1/units/[id]/route";
import * as availability from "@/app/api/v1/availability/route";
import * as quote from "@/app/api/v1/quote/route";
import * as ical from "@/app/api/v1/units/[id]/ical.ics/route";
import * as webhook from "@/app/api/v1/webhooks/stripe/route";
import * as cron from "@/app/api/internal/expire-holds/route";
import { callRoute, bearer } from "../support/call-route";
import { createUnit } from "../support/factories";
import { TEST_CRON_SECRET, TEST_N8N_ORIGIN, TEST_ORIGIN, TEST_SERVICE_API_KEY } from "../support/test-env";
import { NEXT_YEAR } from "../support/dates";

// Stays fall in the next calendar year (Y), always in the future on any day the suite runs.
const Y = NEXT_YEAR;

const EVIL = "https://evil.example";

const privateRoutes = [
  ["/api/v1/holds", holds],
  ["/api/v1/checkout", checkout],
  ["/api/v1/bookings/cancel", cancel],
] as const;

function preflight(handler: (r: Request) => Promise<Response>, path: string, origin: string | null, method = "POST") {
  const headers: Record<string, string> = {
    "access-control-request-method": method,
    "access-control-request-headers": "authorization, content-type",
  };
  if (origin) headers.origin = origin;
  return handler(new Request(new URL(path, "http://localhost:3000"), { method: "OPTIONS", headers }));
}

describe("private endpoints: only ORIGIN and N8N_ORIGIN", () => {
  for (const [path, mod] of privateRoutes) {
    it(`${path}: preflight from the allowed origins is answered 204 with the origin echoed`, async () => {
      expect(mod.OPTIONS).toBeTypeOf("function");
      for (const origin of [TEST_ORIGIN, TEST_N8N_ORIGIN]) {
        const res = await preflight(mod.OPTIONS, path, origin);
        expect(res.status).toBe(204);
        expect(res.headers.get("access-control-allow-origin")).toBe(origin);
        expect(res.headers.get("access-control-allow-methods")).toContain("POST");
        expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
        expect(res.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
        expect(res.headers.get("access-control-allow-credentials")).toBeNull();
        expect(res.headers.get("vary")).toContain("Origin");
        expect(res.headers.get("x-request-id")).toBeTruthy();
      }
    });

    it(`${path}: preflight from any other origin is 403 without Access-Control-Allow-Origin`, async () => {
      for (const origin of [EVIL, "http://localhost:3001", "https://n8n.example.test.evil.example", "null", `${TEST_ORIGIN}.evil.example`]) {
        const res = await preflight(mod.OPTIONS, path, origin);
        expect(res.status).toBe(403);
        expect(res.headers.get("access-control-allow-origin")).toBeNull();
        const body = await res.json();
        expect(body.error.code).toBe("FORBIDDEN");
        expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
      }
      const none = await preflight(mod.OPTIONS, path, null);
      expect(none.status).toBe(403);
    });

    it(`${path}: a POST from another origin gets no Access-Control-Allow-Origin, from ORIGIN it does`, async () => {
      const evil = await callRoute(mod.POST, { path, body: {}, headers: { origin: EVIL, ...bearer(TEST_SERVICE_API_KEY) } });
      expect(evil.headers.get("access-control-allow-origin")).toBeNull();
      const ok = await callRoute(mod.POST, { path, body: {}, headers: { origin: TEST_N8N_ORIGIN, ...bearer(TEST_SERVICE_API_KEY) } });
      expect(ok.status).toBe(400); // empty body: validation, but the browser may read the answer
      expect(ok.headers.get("access-control-allow-origin")).toBe(TEST_N8N_ORIGIN);
      expect(ok.headers.get("access-control-expose-headers")).toContain("X-Request-Id");
    });
  }

  it("a POST from a disallowed origin without the key is still 401 (CORS is not the auth)", async () => {
    const res = await callRoute(holds.POST, { path: "/api/v1/holds", body: {}, headers: { origin: EVIL } });
    expect(res.status).toBe(401);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("public endpoints: any origin may read", () => {
  it("GET /units, /units/[id], /availability and the iCal feed answer with Access-Control-Allow-Origin: *", async () => {
    const u = await createUnit();
    const headers = { origin: EVIL };
    const results = [
      await callRoute(units.GET, { path: "/api/v1/units", headers }),
      await callRoute(unit.GET, { path: `/api/v1/units/${u.slug}`, params: { id: u.slug }, headers }),
      await callRoute(availability.GET, {
        path: "/api/v1/availability",
        query: { unitId: u.id, start: `${Y}-01-01`, end: `${Y}-01-31` },
        headers,
      }),
      await callRoute(ical.GET, { path: `/api/v1/units/${u.id}/ical.ics`, params: { id: u.id }, headers }),
    ];
    for (const res of results) {
      expect(res.status).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
    }
  });

  it("without an Origin header (server-to-server) no CORS headers are added", async () => {
    const res = await callRoute(units.GET, { path: "/api/v1/units" });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("the iCal feed's preflight is answered for any origin", async () => {
    const res = await preflight(ical.OPTIONS, "/api/v1/units/essex/ical.ics", EVIL, "GET");
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("POST /quote preflight is answered for any origin", async () => {
    const res = await preflight(quote.OPTIONS, "/api/v1/quote", EVIL);
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("the Stripe webhook and the cron route need no CORS", () => {
  it("answer without Access-Control-Allow-Origin even for an allowed origin", async () => {
    const hook = await callRoute(webhook.POST, { path: "/api/v1/webhooks/stripe", rawBody: "{}", headers: { origin: TEST_ORIGIN } });
    expect(hook.status).toBe(400);
    expect(hook.headers.get("access-control-allow-origin")).toBeNull();
    const job = await callRoute(cron.GET, { path: "/api/internal/expire-holds", headers: { origin: TEST_ORIGIN, "x-cron-secret": TEST_CRON_SECRET } });
    expect(job.status).toBe(200);
    expect(job.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answer a preflight with the API's 405 and no CORS headers", async () => {
    for (const [handler, path] of [[webhook.OPTIONS, "/api/v1/webhooks/stripe"], [cron.OPTIONS, "/api/internal/expire-holds"]] as const) {
      const res = await preflight(handler, path, TEST_ORIGIN, "POST");
      expect(res.status, path).toBe(405);
      expect(res.headers.get("access-control-allow-origin"), path).toBeNull();
      expect(res.headers.get("access-control-allow-methods"), path).toBeNull();
    }
  });
});
