import { beforeAll, describe, expect, it } from "vitest";
import { GET as availability, OPTIONS as availabilityOptions } from "@/app/api/v1/availability/route";
import { checkAvailability } from "@/lib/server/availability/check-availability";
import { prisma } from "@/lib/server/db/client";
import { addDays } from "@/lib/dates";
import { callRoute } from "../support/call-route";
import { countStatements } from "../support/count-statements";
import { createBooking, createHold, createUnit, seed } from "../support/factories";
import { NEXT_YEAR } from "../support/dates";

// Stays fall in the next calendar year (Y), always in the future on any day the suite runs.
const Y = NEXT_YEAR;

// Availability tests use dates from the next calendar year (Y) on, so they are in the future on
// any day the suite runs; the "past" rule has its own test with 2020 dates.

let essexId: string;
let viewId: string;

const get = (query: Record<string, string>) => callRoute(availability, { path: "/api/v1/availability", query });

beforeAll(async () => {
  await seed();
  essexId = (await prisma.unit.findUniqueOrThrow({ where: { slug: "essex" } })).id;
  viewId = (await prisma.unit.findUniqueOrThrow({ where: { slug: "view" } })).id;

  // Essex, June-July of year Y:
  //   ACTIVE hold 06-01..06-05 whose expiresAt passed (the cron has not run yet): never blocks
  //   CONFIRMED booking 06-10..06-15: blocks the nights 10..14
  //   CANCELLED booking 06-20..06-25: never blocks
  //   EXPIRED hold 06-26..06-28 and CONVERTED hold 06-28..06-30: never block
  //   live ACTIVE hold 07-01..07-03: blocks
  await createHold({ unitId: essexId, checkIn: `${Y}-06-01`, checkOut: `${Y}-06-05`, expiresAt: new Date(Date.now() - 60_000) });
  await createBooking({ unitId: essexId, checkIn: `${Y}-06-10`, checkOut: `${Y}-06-15` });
  await createBooking({ unitId: essexId, checkIn: `${Y}-06-20`, checkOut: `${Y}-06-25`, status: "CANCELLED" });
  await createHold({ unitId: essexId, checkIn: `${Y}-06-26`, checkOut: `${Y}-06-28`, status: "EXPIRED" });
  await createHold({ unitId: essexId, checkIn: `${Y}-06-28`, checkOut: `${Y}-06-30`, status: "CONVERTED" });
  await createHold({ unitId: essexId, checkIn: `${Y}-07-01`, checkOut: `${Y}-07-03`, expiresAt: new Date(Date.now() + 10 * 60_000) });
  // Another unit's booking must not show up on Essex.
  await createBooking({ unitId: viewId, checkIn: `${Y}-06-01`, checkOut: `${Y}-06-30` });
});

describe("GET /api/v1/availability", () => {
  it("lists the confirmed booking and the live hold, and nothing else, over June-July", async () => {
    const res = await get({ unitId: "essex", start: `${Y}-06-01`, end: `${Y}-07-31` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      unitId: essexId,
      start: `${Y}-06-01`,
      end: `${Y}-07-31`,
      isAvailable: false,
      reason: "Some nights in this range are already booked or held.",
      rule: "UNAVAILABLE",
      details: {},
      // Essex has no turnover days: each range ends on its stay's check-out day.
      unavailable: [
        { start: `${Y}-06-10`, end: `${Y}-06-15`, kind: "booking" },
        { start: `${Y}-07-01`, end: `${Y}-07-03`, kind: "hold" },
      ],
      // What would work instead is covered in stay-refusals.test.ts.
      alternatives: expect.any(Array),
      // No stay rules in this database: every day may start a stay of 1 night or more.
      arrivalRules: [{ start: `${Y}-06-01`, end: `${Y}-07-30`, checkIn: true, minNights: 1, maxNights: null }],
    });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("ignores an ACTIVE hold whose expiresAt has passed, before the cron marks it EXPIRED", async () => {
    const res = await get({ unitId: "essex", start: `${Y}-06-01`, end: `${Y}-06-05` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      unitId: essexId,
      start: `${Y}-06-01`,
      end: `${Y}-06-05`,
      isAvailable: true,
      unavailable: [],
      arrivalRules: [{ start: `${Y}-06-01`, end: `${Y}-06-04`, checkIn: true, minNights: 1, maxNights: null }],
    });
    // The hold really is still ACTIVE in the database.
    const stale = await prisma.hold.findFirstOrThrow({ where: { unitId: essexId, status: "ACTIVE", expiresAt: { lt: new Date() } } });
    expect(stale.status).toBe("ACTIVE");
  });

  it("ignores cancelled bookings and EXPIRED or CONVERTED holds", async () => {
    const res = await get({ unitId: essexId, start: `${Y}-06-20`, end: `${Y}-06-30` });
    expect(res.body).toMatchObject({ isAvailable: true, unavailable: [] });
    expect(res.body.reason).toBeUndefined();
  });

  it("treats stays as half-open: the check-out day is free, the last night is not", async () => {
    const afterCheckout = await get({ unitId: "essex", start: `${Y}-06-15`, end: `${Y}-06-20` });
    expect(afterCheckout.body.isAvailable).toBe(true);
    const beforeCheckIn = await get({ unitId: "essex", start: `${Y}-06-08`, end: `${Y}-06-10` });
    expect(beforeCheckIn.body.isAvailable).toBe(true);
    const lastNight = await get({ unitId: "essex", start: `${Y}-06-14`, end: `${Y}-06-15` });
    expect(lastNight.body).toMatchObject({
      isAvailable: false,
      unavailable: [{ start: `${Y}-06-10`, end: `${Y}-06-15`, kind: "booking" }],
    });
  });

  it("is false with a reason for dates before today in the property's time zone", async () => {
    const res = await get({ unitId: "essex", start: "2020-01-01", end: "2020-01-05" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      unitId: essexId,
      start: "2020-01-01",
      end: "2020-01-05",
      isAvailable: false,
      reason: "Dates in the past cannot be booked.",
      rule: "PAST",
      details: { today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      alternatives: [],
      unavailable: [],
      arrivalRules: [{ start: "2020-01-01", end: "2020-01-04", checkIn: false, minNights: 1, maxNights: null }],
    });
  });

  it("accepts a window of exactly 731 days (two years)", async () => {
    // Computed: 731 days is two years plus a day or two years exactly, depending on leap years.
    const res = await get({ unitId: "essex", start: `${Y}-01-01`, end: addDays(`${Y}-01-01`, 731) });
    expect(res.status).toBe(200);
    expect(res.body.unavailable).toHaveLength(2);
  });

  it("answers 404 for an unknown or inactive unit", async () => {
    const retired = await createUnit({ slug: "unit-retired-av", active: false });
    for (const unitId of ["nowhere", retired.id]) {
      const res = await get({ unitId, start: `${Y}-06-01`, end: `${Y}-06-05` });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
  });

  describe("bad input is a 400 VALIDATION_FAILED naming the field", () => {
    const cases: Array<[string, Record<string, string>, string, string]> = [
      ["an impossible date", { unitId: "essex", start: `${Y}-02-30`, end: `${Y}-03-05` }, "start", "Expected a real calendar date in the form YYYY-MM-DD."],
      ["a date without zero padding", { unitId: "essex", start: "2031-1-5", end: `${Y}-03-05` }, "start", "Expected a real calendar date in the form YYYY-MM-DD."],
      ["end equal to start", { unitId: "essex", start: `${Y}-06-01`, end: `${Y}-06-01` }, "end", "end must be after start."],
      ["end before start", { unitId: "essex", start: `${Y}-06-05`, end: `${Y}-06-01` }, "end", "end must be after start."],
      ["a window of 732 days", { unitId: "essex", start: `${Y}-01-01`, end: addDays(`${Y}-01-01`, 732) }, "end", "The span can be at most 731 days (two years)."],
      ["an unknown parameter", { unitId: "essex", start: `${Y}-06-01`, end: `${Y}-06-05`, from: "x" }, "from", "Unknown field: from."],
    ];
    it.each(cases)("%s", async (_name, query, path, message) => {
      const res = await get(query);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: {
          code: "VALIDATION_FAILED",
          message: "The request is not valid; see issues.",
          issues: [{ path, message }],
          requestId: expect.any(String),
        },
      });
    });

    it("a missing parameter", async () => {
      const res = await get({ unitId: "essex", start: `${Y}-06-01` });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["end"]);
    });

    it("a repeated parameter", async () => {
      const res = await callRoute(availability, { path: `/api/v1/availability?unitId=essex&start=${Y}-06-01&start=${Y}-06-02&end=${Y}-06-05` });
      expect(res.status).toBe(400);
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["start"]);
    });

    it("never reveals internals", async () => {
      const res = await get({ unitId: "essex", start: `${Y}-13-01`, end: "x'; SELECT 1; --" });
      expect(res.status).toBe(400);
      expect(res.text).not.toMatch(/prisma|SELECT|\n\s+at /i);
    });
  });

  it("answers a CORS preflight for GET", async () => {
    const res = await callRoute(availabilityOptions, {
      method: "OPTIONS",
      path: "/api/v1/availability",
      headers: { origin: "https://n8n.example.test", "access-control-request-method": "GET" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, OPTIONS");
  });

  it("makes one query (the unit and every stay together) whatever the span or number of stays", async () => {
    const unit = await createUnit({ slug: "unit-busy" });
    // 30 two-night bookings, one every 4 days from January 1 of Y + 1, plus 5 live holds in between.
    for (let i = 0; i < 30; i++) {
      const checkIn = addDays(`${Y + 1}-01-01`, 4 * i);
      await createBooking({ unitId: unit.id, checkIn, checkOut: addDays(checkIn, 2) });
    }
    for (let i = 0; i < 5; i++) {
      const checkIn = addDays(`${Y + 1}-01-03`, 4 * i);
      await createHold({ unitId: unit.id, checkIn, checkOut: addDays(checkIn, 1) });
    }

    // Counted at the driver: what the database receives.
    const quiet = await countStatements(() => checkAvailability({ unitRef: "unit-busy", start: `${Y}-06-01`, end: `${Y}-06-02` }));
    expect(quiet.result.unavailable).toHaveLength(0);

    const busy = await countStatements(() => checkAvailability({ unitRef: "unit-busy", start: `${Y}-06-01`, end: `${Y + 2}-06-01` }));
    expect(busy.result.unavailable).toHaveLength(35);

    expect(quiet.statements).toHaveLength(1);
    expect(busy.statements).toHaveLength(1);
  });
});
