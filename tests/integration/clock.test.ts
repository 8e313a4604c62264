import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as availability } from "@/app/api/v1/availability/route";
import { POST as checkout } from "@/app/api/v1/checkout/route";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { expireHolds } from "@/lib/server/jobs/expire-holds";
import { prisma } from "@/lib/server/db/client";
import { bearer, callRoute } from "../support/call-route";
import { createRatePlan, createUnit } from "../support/factories";
import { TEST_SERVICE_API_KEY } from "../support/test-env";

// No business module reads the system clock behind the app's back: with the process clock frozen
// (only Date is faked; timers and the database run for real), the "past dates" rule, hold expiry,
// availability, checkout and the expiry job all follow the frozen time, in both directions.
// PostgreSQL's own now() stays real (2026 or later), so these answers can only come from the app
// passing its `now` into SQL.
//
// The frozen instants are far from any real run date on purpose: 2041-06-15 16:00 UTC is 12:00 on
// June 15 in Florida (EDT, UTC-4); 2020-03-01 17:00 UTC is 12:00 on March 1 (EST, UTC-5).

const auth = bearer(TEST_SERVICE_API_KEY);
const FUTURE_NOON = new Date("2041-06-15T16:00:00.000Z");
const PAST_NOON = new Date("2020-03-01T17:00:00.000Z");
const MINUTE = 60_000;
let unitId: string;

function freeze(at: Date) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at);
}

const hold = (checkIn: string, checkOut: string) =>
  callRoute(postHold, { path: "/api/v1/holds", body: { unitId, checkIn, checkOut, guests: 1 }, headers: auth });
const available = (start: string, end: string) =>
  callRoute(availability, { path: "/api/v1/availability", query: { unitId, start, end } });

beforeAll(async () => {
  unitId = (await createUnit()).id;
  await createRatePlan({ unitId, nightly: 10_000, currency: "USD" });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("with the clock frozen at noon on 2041-06-15 in Florida", () => {
  it("refuses a check-in on June 14 as past and accepts June 15, the property's today", async () => {
    freeze(FUTURE_NOON);
    const yesterday = await hold("2041-06-14", "2041-06-16");
    expect(yesterday.status).toBe(400);
    expect(yesterday.body.error.issues).toEqual([{ path: "checkIn", message: "checkIn cannot be in the past." }]);

    const pastAvailability = await available("2041-06-14", "2041-06-15");
    expect(pastAvailability.body).toMatchObject({ isAvailable: false, reason: "Dates in the past cannot be booked." });

    const today = await hold("2041-06-15", "2041-06-17");
    expect(today.status).toBe(201);
    // Frozen: exactly 15 minutes after the frozen instant, not after the real one.
    expect(today.body.expiresAt).toBe("2041-06-15T16:15:00.000Z");
  });

  it("blocks the held nights until the hold's expiresAt by the app's clock, then frees them", async () => {
    freeze(FUTURE_NOON);
    const placed = await hold("2041-06-20", "2041-06-22");
    expect(placed.status).toBe(201);
    const heldBefore = await available("2041-06-20", "2041-06-22");
    expect(heldBefore.body.unavailable).toEqual([{ start: "2041-06-20", end: "2041-06-22", kind: "hold" }]);

    // 16 minutes later by the app's clock (the database's real now() is 15 years earlier).
    vi.setSystemTime(new Date(FUTURE_NOON.getTime() + 16 * MINUTE));
    const freed = await available("2041-06-20", "2041-06-22");
    expect(freed.body).toMatchObject({ isAvailable: true, unavailable: [] });

    const pay = await callRoute(checkout, {
      path: "/api/v1/checkout",
      body: { holdId: placed.body.holdId, customer: { firstName: "Ana", lastName: "Rivera", email: "ana.clock@example.test" } },
      headers: auth,
    });
    expect(pay.status).toBe(410);
    expect(pay.body.error.code).toBe("HOLD_EXPIRED");

    // Checkout's 410 marked its own hold EXPIRED; the expiry job, called without a `now`, expires
    // the other hold placed at the frozen noon.
    const expiredCount = await prisma.hold.count({ where: { unitId, status: "ACTIVE" } });
    expect(expiredCount).toBe(1);
    expect((await expireHolds()).expired).toBe(1);
    expect(await prisma.hold.count({ where: { unitId, status: "ACTIVE" } })).toBe(0);

    // And a new guest can hold the freed nights at once.
    expect((await hold("2041-06-20", "2041-06-22")).status).toBe(201);
  });
});

describe("with the clock frozen at noon on 2020-03-01 in Florida", () => {
  it("accepts a check-in on 2020-03-01 that the real calendar has long left behind", async () => {
    freeze(PAST_NOON);
    const res = await hold("2020-03-01", "2020-03-03");
    expect(res.status).toBe(201);
    expect(res.body.expiresAt).toBe("2020-03-01T17:15:00.000Z");
    const before = await hold("2020-02-29", "2020-03-01");
    expect(before.status).toBe(400);
    expect(before.body.error.issues).toEqual([{ path: "checkIn", message: "checkIn cannot be in the past." }]);
  });
});
