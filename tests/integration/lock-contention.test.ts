import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "pg";
import { GET as getHealth } from "@/app/api/v1/health/route";
import { GET as getUnits } from "@/app/api/v1/units/route";
import { GET as getAvailability } from "@/app/api/v1/availability/route";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { addDays, todayIn } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { bearer, callRoute, type CallResult } from "../support/call-route";
import { createRatePlan, createUnit } from "../support/factories";
import { TEST_SERVICE_API_KEY } from "../support/test-env";

// One transaction holding a unit's advisory lock (an operator's psql, a stuck client) must not
// stop the site: health, reads and writes of other units answer at once, and writes of the
// locked unit answer within 3 s with a retryable status, however many of them arrive. Before,
// the waiting writers took every pooled connection and the whole API hung for 38-88 s.

const auth = bearer(TEST_SERVICE_API_KEY);
const BOUND_MS = 3000;
let locked: { id: string; slug: string };
let other: { id: string; slug: string };
let holder: Client;
let day0: string;

beforeAll(async () => {
  locked = await createUnit();
  other = await createUnit();
  await createRatePlan({ unitId: locked.id, nightly: 10_000, currency: "USD" });
  await createRatePlan({ unitId: other.id, nightly: 10_000, currency: "USD" });
  day0 = addDays(todayIn("America/New_York"), 10);
  holder = new Client({ connectionString: process.env.DATABASE_URL });
  holder.on("error", () => undefined);
  await holder.connect();
  // A running server is warm: load the modules and open pooled connections before measuring.
  await Promise.all(Array.from({ length: 5 }, () => callRoute(getUnits, { path: "/api/v1/units" })));
  await callRoute(postHold, { path: "/api/v1/holds", body: { unitId: other.id, checkIn: addDays(day0, 100), checkOut: addDays(day0, 101), guests: 2 }, headers: auth });
});

afterAll(async () => {
  await holder.end().catch(() => undefined);
});

async function timed(call: Promise<CallResult>) {
  const started = Date.now();
  const res = await call;
  return { res, ms: Date.now() - started };
}

describe("a unit's lock held by a stuck transaction", () => {
  it("health, reads and another unit's hold answer within 3 s; the locked unit's holds get 503 with Retry-After", async () => {
    await holder.query("BEGIN");
    // The same key lib/server/db/lock-unit.ts takes.
    await holder.query("SELECT pg_advisory_xact_lock(hashtext('palm-aire-court:unit'), hashtext($1::text))", [locked.id]);
    try {
      // More writers for the locked unit than the pool has connections (10).
      const lockedHolds = Array.from({ length: 14 }, (_, i) =>
        timed(callRoute(postHold, { path: "/api/v1/holds", body: { unitId: locked.id, checkIn: addDays(day0, i * 3), checkOut: addDays(day0, i * 3 + 2), guests: 2 }, headers: auth })),
      );
      // Give the writers a head start so they are queued when the others arrive.
      await new Promise((r) => setTimeout(r, 200));
      const [health, units, availability, otherHold] = await Promise.all([
        timed(callRoute(getHealth, { path: "/api/v1/health" })),
        timed(callRoute(getUnits, { path: "/api/v1/units" })),
        timed(callRoute(getAvailability, { path: "/api/v1/availability", query: { unitId: locked.id, start: day0, end: addDays(day0, 30) } })),
        timed(callRoute(postHold, { path: "/api/v1/holds", body: { unitId: other.id, checkIn: day0, checkOut: addDays(day0, 2), guests: 2 }, headers: auth })),
      ]);
      expect(health.res.status).toBe(200);
      expect(units.res.status).toBe(200);
      expect(availability.res.status).toBe(200);
      expect(otherHold.res.status).toBe(201);
      for (const r of [health, units, availability, otherHold]) expect(r.ms).toBeLessThan(BOUND_MS);

      const done = await Promise.all(lockedHolds);
      for (const { res, ms } of done) {
        expect(ms).toBeLessThan(BOUND_MS);
        expect(res.status).toBe(503);
        expect(res.body.error.code).toBe("SERVICE_UNAVAILABLE");
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      }
    } finally {
      await holder.query("ROLLBACK");
    }
    // Nothing was written for the locked unit, and once the lock is gone it takes holds again.
    expect(await prisma.hold.count({ where: { unitId: locked.id } })).toBe(0);
    const after = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId: locked.id, checkIn: day0, checkOut: addDays(day0, 2), guests: 2 }, headers: auth });
    expect(after.status).toBe(201);
  }, 30_000);
});
