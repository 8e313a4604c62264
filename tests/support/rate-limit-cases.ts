import { randomInt } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as createHold } from "@/app/api/v1/holds/route";
import { POST as checkout } from "@/app/api/v1/checkout/route";
import { addDays } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { bearer, callRoute } from "./call-route";
import { seed } from "./factories";
import { TEST_SERVICE_API_KEY } from "./test-env";
import { NEXT_YEAR } from "./dates";

// Stays fall in the next calendar year (Y), always in the future on any day the suite runs.
const Y = NEXT_YEAR;

// The rate-limit scenarios every limiter backend must pass, through the real POST /api/v1/holds.
// The calling test file sets RATE_LIMIT_MAX=10 (and the backend's variables) before app modules load.

const usedIps = new Set<string>();
/**
 * A fresh private address: never one this process used before (so "a different client" really is
 * one), and drawn from 16 million so runs sharing one Redis at the same time practically never meet.
 */
export function randomIp(): string {
  for (;;) {
    const ip = `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
    if (!usedIps.has(ip)) {
      usedIps.add(ip);
      return ip;
    }
  }
}

let stayIndex = 0;
/** A new 2-night stay each call, never overlapping another (holds stay ACTIVE for 15 minutes). */
export function nextStay(): { checkIn: string; checkOut: string } {
  const checkIn = addDays(`${Y}-06-01`, 3 * stayIndex++);
  return { checkIn, checkOut: addDays(checkIn, 2) };
}

/** As scripts/server.ts sends it: the socket address comes with the process's secret stamp. */
export function stamped(headers: Record<string, string>): Record<string, string> {
  return headers["x-palm-socket-ip"] ? { ...headers, "x-palm-socket-stamp": process.env.PALM_SOCKET_STAMP! } : headers;
}

export function hold(unitId: string, headers: Record<string, string>) {
  return callRoute(createHold, {
    path: "/api/v1/holds",
    body: { unitId, ...nextStay(), guests: 2 },
    headers: stamped({ ...bearer(TEST_SERVICE_API_KEY), ...headers }),
  });
}

/**
 * Waits, when needed, until at least `needMs` remain in the current fixed window of `windowMs`.
 * Upstash's sliding window weighs the previous window's count by how much of it still overlaps,
 * so a burst that straddles a window boundary can be let through one request early: without this
 * a test of "10, then 429" failed whenever it happened to run across a minute boundary.
 */
export async function awaitFreshWindow(windowMs: number, needMs: number): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

export function defineRateLimitCases(options: { slidingWindowMs?: number } = {}) {
  beforeAll(async () => {
    await seed();
  });

  if (options.slidingWindowMs) {
    const windowMs = options.slidingWindowMs;
    // Every case below finishes in a few seconds; 25 s leaves room for a loaded machine.
    beforeEach(() => awaitFreshWindow(windowMs, 25_000), windowMs + 5_000);
  }

  describe("POST /api/v1/holds: 10 per minute per client IP and unit", () => {
    it("answers 201 ten times, then 429 with Retry-After in the standard error shape", async () => {
      const ip = randomIp();
      const before = await prisma.hold.count();
      for (let i = 1; i <= 10; i++) {
        const res = await hold("essex", { "x-palm-socket-ip": ip });
        expect(res.status, `request ${i}: ${res.text}`).toBe(201);
      }
      const res = await hold("essex", { "x-palm-socket-ip": ip, "x-request-id": "rate-limited-req-0011" });
      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers.get("retry-after"));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(res.body).toEqual({
        error: { code: "RATE_LIMITED", message: expect.any(String), requestId: "rate-limited-req-0011" },
      });
      // The refused request never reached the handler.
      expect(await prisma.hold.count()).toBe(before + 10);

      // Still refused on the next try, and a client-sent X-Forwarded-For does not change the key.
      const forged = await hold("essex", { "x-palm-socket-ip": ip, "x-forwarded-for": randomIp() });
      expect(forged.status).toBe(429);

      // Another unit from the same address, and the same unit from another address, are not limited.
      expect((await hold("view", { "x-palm-socket-ip": ip })).status).toBe(201);
      expect((await hold("essex", { "x-palm-socket-ip": randomIp() })).status).toBe(201);
    });

    it("counts IPv6 clients per /64 and IPv4-mapped addresses as IPv4", async () => {
      const net = `2001:db8:${randomInt(1, 0xffff).toString(16)}:${randomInt(1, 0xffff).toString(16)}`;
      for (let i = 1; i <= 10; i++) {
        expect((await hold("9606-2br", { "x-palm-socket-ip": `${net}::${i.toString(16)}` })).status).toBe(201);
      }
      expect((await hold("9606-2br", { "x-palm-socket-ip": `${net}:0:0:0:ff` })).status).toBe(429);

      const v4 = randomIp();
      for (let i = 1; i <= 10; i++) expect((await hold("9608-1br", { "x-palm-socket-ip": v4 })).status).toBe(201);
      expect((await hold("9608-1br", { "x-palm-socket-ip": `::ffff:${v4}` })).status).toBe(429);
    });

    it("on Vercel keys on the X-Forwarded-For the platform sets", async () => {
      const socket = randomIp();
      const client = randomIp();
      process.env.VERCEL = "1";
      try {
        for (let i = 1; i <= 10; i++) {
          expect((await hold("trailer-01", { "x-palm-socket-ip": socket, "x-forwarded-for": client })).status).toBe(201);
        }
        expect((await hold("trailer-01", { "x-palm-socket-ip": socket, "x-forwarded-for": client })).status).toBe(429);
        // A different client behind the same edge is a different key.
        expect((await hold("trailer-01", { "x-palm-socket-ip": socket, "x-forwarded-for": randomIp() })).status).toBe(201);
      } finally {
        delete process.env.VERCEL;
      }
    });

    it("counts a unit's id and slug as one unit", async () => {
      const ip = randomIp();
      const { prisma } = await import("@/lib/server/db/client");
      const unit = await prisma.unit.findUniqueOrThrow({ where: { slug: "rv-02" } });
      for (let i = 1; i <= 10; i++) {
        expect((await hold(i % 2 ? "rv-02" : unit.id, { "x-palm-socket-ip": ip })).status).toBe(201);
      }
      expect((await hold("RV-02", { "x-palm-socket-ip": ip })).status).toBe(429);
      expect((await hold(unit.id, { "x-palm-socket-ip": ip })).status).toBe(429);
    });

    it("keys the site's calls on the guest address it forwards with the service key", async () => {
      // The site server calls from one address for every guest; x-palm-guest-ip separates them.
      const siteServer = randomIp();
      const guestA = randomIp();
      for (let i = 1; i <= 10; i++) {
        expect((await hold("9618-2br", { "x-palm-socket-ip": siteServer, "x-palm-guest-ip": guestA })).status).toBe(201);
      }
      expect((await hold("9618-2br", { "x-palm-socket-ip": siteServer, "x-palm-guest-ip": guestA })).status).toBe(429);
      expect((await hold("9618-2br", { "x-palm-socket-ip": siteServer, "x-palm-guest-ip": randomIp() })).status).toBe(201);
      // Not an address: ignored, so the call counts against the site server's own budget.
      expect((await hold("9618-2br", { "x-palm-socket-ip": siteServer, "x-palm-guest-ip": "evil" })).status).toBe(201);
    });

    it("POST /api/v1/checkout is limited the same way (here on an unknown hold: ten 404s, then 429)", async () => {
      const ip = randomIp();
      const holdId = `nohold${randomInt(1e9)}`;
      const call = () =>
        callRoute(checkout, {
          path: "/api/v1/checkout",
          body: { holdId, customer: { firstName: "Ana", lastName: "Rivera", email: "ana@example.com" } },
          headers: stamped({ ...bearer(TEST_SERVICE_API_KEY), "x-palm-socket-ip": ip }),
        });
      for (let i = 1; i <= 10; i++) expect((await call()).status).toBe(404);
      const res = await call();
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(res.body.error.code).toBe("RATE_LIMITED");
    });

    it("checks credentials before counting: unauthenticated calls get 401, never 429", async () => {
      const ip = randomIp();
      for (let i = 0; i < 12; i++) {
        const res = await callRoute(createHold, {
          path: "/api/v1/holds",
          body: { unitId: "rv-01", ...nextStay() },
          headers: stamped({ "x-palm-socket-ip": ip, authorization: "Bearer wrong" }),
        });
        expect(res.status).toBe(401);
      }
      expect((await hold("rv-01", { "x-palm-socket-ip": ip })).status).toBe(201);
    });
  });
}
