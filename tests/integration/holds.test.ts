import { beforeAll, describe, expect, it } from "vitest";
import { OPTIONS as holdsPreflight, POST as postHold } from "@/app/api/v1/holds/route";
import { POST as postCancel } from "@/app/api/v1/bookings/cancel/route";
import { addDays } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { bearer, callRoute, type CallResult } from "../support/call-route";
import { createBooking, createHold, createRatePlan, createUnit } from "../support/factories";
import { TEST_N8N_ORIGIN, TEST_ORIGIN, TEST_SERVICE_API_KEY } from "../support/test-env";
import { NEXT_YEAR } from "../support/dates";

// Stays fall in the next calendar year (Y), always in the future on any day the suite runs.
const Y = NEXT_YEAR;

// POST /api/v1/holds and POST /api/v1/bookings/cancel against a real PostgreSQL. Stays are in
// the next calendar year (Y) and the one after, always in the future; there are no seasons or fees in this database, so a night
// costs exactly the unit's nightly rate.

const auth = bearer(TEST_SERVICE_API_KEY);
let unit: { id: string; slug: string };
let otherUnit: { id: string; slug: string };

beforeAll(async () => {
  unit = await createUnit();
  otherUnit = await createUnit();
  await createRatePlan({ unitId: unit.id, nightly: 10_000, currency: "USD" });
  await createRatePlan({ unitId: otherUnit.id, nightly: 12_000, currency: "USD" });
});

// guests is required on every hold; a test that is about it passes its own.
function hold(body: Record<string, unknown>, headers: Record<string, string> = auth): Promise<CallResult> {
  return callRoute(postHold, { path: "/api/v1/holds", body: { guests: 2, ...body }, headers });
}

function cancel(body: Record<string, unknown>, headers: Record<string, string> = auth): Promise<CallResult> {
  return callRoute(postCancel, { path: "/api/v1/bookings/cancel", body, headers });
}

describe("bearer auth", () => {
  it("answers 401 with one generic message for a missing or wrong key, and writes nothing", async () => {
    const body = { unitId: unit.id, checkIn: `${Y}-01-04`, checkOut: `${Y}-01-06` };
    const missing = await hold(body, {});
    const wrong = await hold(body, bearer(`${TEST_SERVICE_API_KEY}x`));
    const notBearer = await hold(body, { authorization: TEST_SERVICE_API_KEY });
    for (const res of [missing, wrong, notBearer]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHORIZED");
      expect(res.body.error.message).toBe("Missing or invalid credentials.");
    }
    const cancelRes = await cancel({ bookingId: "nope" }, bearer("wrong-key"));
    expect(cancelRes.status).toBe(401);
    expect(await prisma.hold.count({ where: { checkIn: new Date(`${Y}-01-04`) } })).toBe(0);
  });
});

describe("CORS on the private endpoints", () => {
  it("answers the preflight for the site and n8n origins only", async () => {
    for (const origin of [TEST_ORIGIN, TEST_N8N_ORIGIN]) {
      const res = await callRoute(holdsPreflight, { method: "OPTIONS", path: "/api/v1/holds", headers: { origin, "access-control-request-method": "POST" } });
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe(origin);
      expect(res.headers.get("access-control-allow-methods")).toBe("POST, OPTIONS");
    }
    const other = await callRoute(holdsPreflight, { method: "OPTIONS", path: "/api/v1/holds", headers: { origin: "https://evil.example" } });
    expect(other.status).toBe(403);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("places two first holds for one new guest at once", async () => {
    const customer = { firstName: "Race", lastName: "Guest", email: "race.guest@example.com" };
    const [a, b] = await Promise.all([
      hold({ unitId: unit.id, checkIn: `${Y}-11-01`, checkOut: `${Y}-11-03`, customer }),
      hold({ unitId: otherUnit.id, checkIn: `${Y}-11-01`, checkOut: `${Y}-11-03`, customer }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await prisma.customer.count({ where: { email: "race.guest@example.com" } })).toBe(1);
  });
});

describe("POST /api/v1/holds", () => {
  it("holds the nights for 15 minutes by default and returns 201 with the real unit id", async () => {
    const before = Date.now();
    const res = await hold({ unitId: unit.slug, checkIn: `${Y}-01-10`, checkOut: `${Y}-01-13` });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      holdId: expect.any(String),
      expiresAt: expect.any(String),
      unitId: unit.id,
      checkIn: `${Y}-01-10`,
      checkOut: `${Y}-01-13`,
      guests: 2,
      pets: 0,
    });
    const expiresAt = new Date(res.body.expiresAt).getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
    const row = await prisma.hold.findUniqueOrThrow({ where: { id: res.body.holdId } });
    expect(row.status).toBe("ACTIVE");
    expect(row.unitId).toBe(unit.id);
    expect(row.checkIn.toISOString()).toBe(`${Y}-01-10T00:00:00.000Z`);
    expect(row.checkOut.toISOString()).toBe(`${Y}-01-13T00:00:00.000Z`);
    expect(row.customerId).toBeNull();
    expect(row).toMatchObject({ guests: 2, pets: 0, turnoverDays: 0 });
  });

  it("refuses an overlapping hold with 409 UNAVAILABLE and allows back-to-back stays", async () => {
    const first = await hold({ unitId: unit.id, checkIn: `${Y}-02-10`, checkOut: `${Y}-02-14` });
    expect(first.status).toBe(201);

    for (const [checkIn, checkOut] of [
      [`${Y}-02-10`, `${Y}-02-14`], // same nights
      [`${Y}-02-13`, `${Y}-02-16`], // shares the night of the 13th
      [`${Y}-02-08`, `${Y}-02-11`], // shares the night of the 10th
      [`${Y}-02-11`, `${Y}-02-12`], // inside
      [`${Y}-02-01`, `${Y}-02-28`], // around
    ] as const) {
      const res = await hold({ unitId: unit.id, checkIn, checkOut });
      expect(res.status, `${checkIn}..${checkOut}`).toBe(409);
      expect(res.body.error.code).toBe("UNAVAILABLE");
      expect(res.body.error.message).toBe("Those dates are no longer available.");
    }

    // Check-out day is the next guest's check-in day, on both sides.
    expect((await hold({ unitId: unit.id, checkIn: `${Y}-02-14`, checkOut: `${Y}-02-16` })).status).toBe(201);
    expect((await hold({ unitId: unit.id, checkIn: `${Y}-02-07`, checkOut: `${Y}-02-10` })).status).toBe(201);
    // Another unit's same nights are unaffected.
    expect((await hold({ unitId: otherUnit.id, checkIn: `${Y}-02-10`, checkOut: `${Y}-02-14` })).status).toBe(201);
    expect(await prisma.hold.count({ where: { unitId: unit.id, status: "ACTIVE", checkIn: { gte: new Date(`${Y}-02-01`) }, checkOut: { lte: new Date(`${Y}-03-01`) } } })).toBe(3);
  });

  it("refuses a hold over a confirmed booking but not over a cancelled one", async () => {
    await createBooking({ unitId: unit.id, checkIn: `${Y}-03-10`, checkOut: `${Y}-03-15` });
    await createBooking({ unitId: unit.id, checkIn: `${Y}-03-20`, checkOut: `${Y}-03-25`, status: "CANCELLED" });
    const over = await hold({ unitId: unit.id, checkIn: `${Y}-03-14`, checkOut: `${Y}-03-16` });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe("UNAVAILABLE");
    expect((await hold({ unitId: unit.id, checkIn: `${Y}-03-15`, checkOut: `${Y}-03-17` })).status).toBe(201);
    expect((await hold({ unitId: unit.id, checkIn: `${Y}-03-20`, checkOut: `${Y}-03-25` })).status).toBe(201);
  });

  it("ignores a hold past expiresAt that the cron has not marked yet, and marks it EXPIRED", async () => {
    const stale = await createHold({ unitId: unit.id, checkIn: `${Y}-04-01`, checkOut: `${Y}-04-05`, expiresAt: new Date(Date.now() - 1000) });
    const res = await hold({ unitId: unit.id, checkIn: `${Y}-04-03`, checkOut: `${Y}-04-06` });
    expect(res.status).toBe(201);
    expect((await prisma.hold.findUniqueOrThrow({ where: { id: stale.id } })).status).toBe("EXPIRED");
  });

  it("honours ttlMinutes from 1 to 60 and rejects values outside", async () => {
    const before = Date.now();
    const one = await hold({ unitId: unit.id, checkIn: `${Y}-05-01`, checkOut: `${Y}-05-02`, ttlMinutes: 1 });
    expect(one.status).toBe(201);
    const oneMs = new Date(one.body.expiresAt).getTime();
    expect(oneMs).toBeGreaterThanOrEqual(before + 60_000);
    expect(oneMs).toBeLessThanOrEqual(Date.now() + 60_000);
    const sixty = await hold({ unitId: unit.id, checkIn: `${Y}-05-02`, checkOut: `${Y}-05-03`, ttlMinutes: 60 });
    expect(sixty.status).toBe(201);
    expect(new Date(sixty.body.expiresAt).getTime()).toBeGreaterThanOrEqual(before + 3_600_000);

    for (const ttlMinutes of [0, 61, 1.5, -5, "15"]) {
      const res = await hold({ unitId: unit.id, checkIn: `${Y}-05-10`, checkOut: `${Y}-05-11`, ttlMinutes });
      expect(res.status, String(ttlMinutes)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.issues[0].path).toBe("ttlMinutes");
    }
  });

  it("rejects a check-in before today (property time zone), a reversed stay and unknown fields", async () => {
    const past = await hold({ unitId: unit.id, checkIn: "2020-01-01", checkOut: "2020-01-03" });
    expect(past.status).toBe(400);
    expect(past.body.error.issues).toEqual([{ path: "checkIn", message: "checkIn cannot be in the past." }]);

    const reversed = await hold({ unitId: unit.id, checkIn: `${Y}-06-05`, checkOut: `${Y}-06-05` });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.issues[0].path).toBe("checkOut");

    const extra = await hold({ unitId: unit.id, checkIn: `${Y}-06-05`, checkOut: `${Y}-06-06`, price: 1 });
    expect(extra.status).toBe(400);
    expect(extra.body.error.issues[0].path).toBe("price");
  });

  it("answers 404 for an unknown or inactive unit and 422 for a unit without rates", async () => {
    const unknown = await hold({ unitId: "no-such-unit", checkIn: `${Y}-06-05`, checkOut: `${Y}-06-06` });
    expect(unknown.status).toBe(404);
    const inactive = await createUnit({ active: false });
    await createRatePlan({ unitId: inactive.id, nightly: 5000, currency: "USD" });
    expect((await hold({ unitId: inactive.id, checkIn: `${Y}-06-05`, checkOut: `${Y}-06-06` })).status).toBe(404);

    const unpriced = await createUnit({ type: "RV_SITE" });
    const res = await hold({ unitId: unpriced.id, checkIn: `${Y}-06-05`, checkOut: `${Y}-06-06` });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("UNPRICEABLE_STAY");
    expect(await prisma.hold.count({ where: { unitId: unpriced.id } })).toBe(0);
  });

  it("finds the customer by email (case-insensitive), never renames them, and keeps each hold's own name", async () => {
    const first = await hold({
      unitId: unit.id,
      checkIn: `${Y}-07-01`,
      checkOut: `${Y}-07-03`,
      customer: { firstName: "Ana", lastName: "Rivera", email: "Ana.Rivera@Example.com", phone: "+1 239 555 0100" },
    });
    expect(first.status).toBe(201);
    const second = await hold({
      unitId: unit.id,
      checkIn: `${Y}-07-03`,
      checkOut: `${Y}-07-05`,
      customer: { firstName: "Ana María", lastName: "Rivera", email: "ana.rivera@example.com" },
    });
    expect(second.status).toBe(201);
    const customers = await prisma.customer.findMany({ where: { email: "ana.rivera@example.com" } });
    expect(customers).toHaveLength(1);
    // Whoever types an email must not rename the person it belongs to: the first details stay.
    expect(customers[0]).toMatchObject({ firstName: "Ana", lastName: "Rivera", phone: "+1 239 555 0100" });
    const holds = await prisma.hold.findMany({ where: { id: { in: [first.body.holdId, second.body.holdId] } }, orderBy: { checkIn: "asc" } });
    expect(holds.map((h) => h.customerId)).toEqual([customers[0]!.id, customers[0]!.id]);
    expect(holds.map((h) => [h.guestFirstName, h.guestLastName, h.guestPhone])).toEqual([
      ["Ana", "Rivera", "+1 239 555 0100"],
      ["Ana María", "Rivera", null],
    ]);
  });
});

describe("racing holds", () => {
  it("50 concurrent holds for the same nights, 10 times: exactly 1 succeeds, 49 get 409, none 5xx", async () => {
    const raceUnit = await createUnit();
    await createRatePlan({ unitId: raceUnit.id, nightly: 9_000, currency: "USD" });
    for (let round = 0; round < 10; round++) {
      const checkIn = addDays(`${Y}-09-01`, round * 10);
      const checkOut = addDays(checkIn, 3);
      const results = await Promise.all(
        Array.from({ length: 50 }, () => hold({ unitId: raceUnit.id, checkIn, checkOut })),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201), `round ${round}: ${statuses.join(",")}`).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(49);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === "UNAVAILABLE")).toBe(true);
      const winner = results.find((r) => r.status === 201)!;
      const active = await prisma.hold.findMany({ where: { unitId: raceUnit.id, status: "ACTIVE", checkIn: new Date(checkIn) } });
      expect(active.map((h) => h.id)).toEqual([winner.body.holdId]);
    }
    expect(await prisma.hold.count({ where: { unitId: raceUnit.id } })).toBe(10);
  });

  it("50 concurrent holds for 50 different back-to-back stays all succeed", async () => {
    const raceUnit = await createUnit();
    await createRatePlan({ unitId: raceUnit.id, nightly: 9_000, currency: "USD" });
    const stays = Array.from({ length: 50 }, (_, i) => ({ checkIn: addDays(`${Y + 1}-01-01`, i * 2), checkOut: addDays(`${Y + 1}-01-01`, i * 2 + 2) }));
    const results = await Promise.all(stays.map((s) => hold({ unitId: raceUnit.id, ...s })));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(await prisma.hold.count({ where: { unitId: raceUnit.id, status: "ACTIVE" } })).toBe(50);
  });
});

describe("POST /api/v1/bookings/cancel", () => {
  it("cancels a confirmed booking once, keeps the reason, and frees the nights", async () => {
    const booking = await createBooking({ unitId: unit.id, checkIn: `${Y}-08-10`, checkOut: `${Y}-08-14` });
    expect((await hold({ unitId: unit.id, checkIn: `${Y}-08-12`, checkOut: `${Y}-08-13` })).status).toBe(409);

    const first = await cancel({ bookingId: booking.id, reason: "Guest changed plans" });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      bookingId: booking.id,
      status: "CANCELLED",
      cancelledAt: expect.any(String),
      cancelledBy: "guest",
      cancelReason: "Guest changed plans",
      changed: true,
      // A booking entered without a card payment has nothing to refund.
      refund: null,
      refundedCents: 0,
      quote: expect.objectContaining({ refundCents: 0, refundableCents: 0 }),
    });

    const again = await cancel({ bookingId: booking.id, reason: "Another reason" });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, changed: false, quote: null });
    const row = await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(row.status).toBe("CANCELLED");
    expect(row.cancelReason).toBe("Guest changed plans");
    expect(row.cancelledAt?.toISOString()).toBe(first.body.cancelledAt);

    expect((await hold({ unitId: unit.id, checkIn: `${Y}-08-10`, checkOut: `${Y}-08-14` })).status).toBe(201);
  });

  it("answers 404 for an unknown booking", async () => {
    const res = await cancel({ bookingId: "cm_no_such_booking" });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  });
});
