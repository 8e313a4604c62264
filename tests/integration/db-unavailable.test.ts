import net from "node:net";
import { describe, expect, it } from "vitest";
import Stripe from "stripe";
import { addDays, todayIn } from "@/lib/dates";
import { bearer, callRoute } from "../support/call-route";
import { TEST_CRON_SECRET, TEST_SERVICE_API_KEY, TEST_WEBHOOK_SECRET } from "../support/test-env";

// A database that refuses connections: every route that needs it answers 503 with Retry-After in
// the standard error shape (before: 500 INTERNAL), and quickly.

// A port that was free a moment ago and now has no listener: connecting is refused at once.
const closedPort = await new Promise<number>((resolve) => {
  const server = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address() as net.AddressInfo;
    server.close(() => resolve(port));
  });
});
process.env.DATABASE_URL = `postgresql://postgres@127.0.0.1:${closedPort}/nowhere`;

type Handler = (request: Request, context: { params: Record<string, string> }) => Promise<Response>;
const load = async (path: string, method = "GET") => (await import(/* @vite-ignore */ path))[method] as Handler;

const checkIn = addDays(todayIn("America/New_York"), 30);
const checkOut = addDays(checkIn, 3);
const auth = bearer(TEST_SERVICE_API_KEY);

function signed(payload: string) {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret: TEST_WEBHOOK_SECRET });
}

const webhookPayload = JSON.stringify({
  id: "evt_db_down",
  object: "event",
  type: "payment_intent.succeeded",
  data: { object: { id: "pi_db_down", object: "payment_intent", amount: 1000, amount_received: 1000, currency: "usd", status: "succeeded", metadata: { holdId: "cmhold" } } },
});

const cases: Array<{ name: string; module: string; method?: string; call: Parameters<typeof callRoute>[1] }> = [
  { name: "GET /api/v1/health", module: "@/app/api/v1/health/route", call: { path: "/api/v1/health" } },
  { name: "GET /api/v1/units", module: "@/app/api/v1/units/route", call: { path: "/api/v1/units" } },
  { name: "GET /api/v1/units/[id]", module: "@/app/api/v1/units/[id]/route", call: { path: "/api/v1/units/essex", params: { id: "essex" } } },
  { name: "GET /api/v1/units/[id]/ical.ics", module: "@/app/api/v1/units/[id]/ical.ics/route", call: { path: "/api/v1/units/essex/ical.ics", params: { id: "essex" } } },
  { name: "GET /api/v1/availability", module: "@/app/api/v1/availability/route", call: { path: "/api/v1/availability", query: { unitId: "essex", start: checkIn, end: checkOut } } },
  { name: "POST /api/v1/quote", module: "@/app/api/v1/quote/route", method: "POST", call: { path: "/api/v1/quote", body: { unitId: "essex", checkIn, checkOut } } },
  { name: "POST /api/v1/holds", module: "@/app/api/v1/holds/route", method: "POST", call: { path: "/api/v1/holds", body: { unitId: "essex", checkIn, checkOut, guests: 2 }, headers: auth } },
  {
    name: "POST /api/v1/checkout",
    module: "@/app/api/v1/checkout/route",
    method: "POST",
    call: { path: "/api/v1/checkout", body: { holdId: "cmhold", customer: { firstName: "A", lastName: "B", email: "a@example.com" } }, headers: auth },
  },
  { name: "POST /api/v1/bookings/cancel", module: "@/app/api/v1/bookings/cancel/route", method: "POST", call: { path: "/api/v1/bookings/cancel", body: { bookingId: "cmbook" }, headers: auth } },
  {
    name: "POST /api/v1/webhooks/stripe",
    module: "@/app/api/v1/webhooks/stripe/route",
    method: "POST",
    call: { path: "/api/v1/webhooks/stripe", rawBody: webhookPayload, headers: { "stripe-signature": signed(webhookPayload) } },
  },
  { name: "GET /api/internal/expire-holds", module: "@/app/api/internal/expire-holds/route", call: { path: "/api/internal/expire-holds", headers: { "x-cron-secret": TEST_CRON_SECRET } } },
  { name: "GET /api/site/booking-status", module: "@/app/api/site/booking-status/route", call: { path: "/api/site/booking-status", query: { pi: "pi_db_down" } } },
];

describe("a database that refuses connections", () => {
  for (const c of cases) {
    it(`${c.name} answers 503 with Retry-After`, async () => {
      const handler = await load(c.module, c.method ?? "GET");
      const started = Date.now();
      const res = await callRoute(handler, c.call);
      expect(res.status).toBe(503);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(res.headers.get("x-request-id")).toBeTruthy();
      if (c.name !== "GET /api/v1/health") {
        expect(res.body.error.code).toBe("SERVICE_UNAVAILABLE");
        expect(res.body.error.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
      }
      // Generous bound for a loaded machine; before, a refused connection was retried for longer.
      expect(Date.now() - started).toBeLessThan(10_000);
    });
  }
});
