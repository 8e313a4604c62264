import { emulator } from "../support/stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postQuote } from "@/app/api/v1/quote/route";
import { GET as getAvailability } from "@/app/api/v1/availability/route";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { POST as postCheckout } from "@/app/api/v1/checkout/route";
import { addDays, addMonths, todayIn, weekdayOf } from "@/lib/dates";
import { env } from "@/lib/env";
import { prisma } from "@/lib/server/db/client";
import { bearer, callRoute, type CallResult } from "../support/call-route";
import { createBooking, createHold, createRatePlan, createUnit, seed } from "../support/factories";
import { TEST_SERVICE_API_KEY } from "../support/test-env";

// Every rule refused with its reason at every entry point: POST /quote, GET /availability,
// POST /holds and POST /checkout (for a hold placed before the rule bit, made here with the
// factory). And every alternative offered can be held.
//
// The unit under test ("strict"): capacity 3, no pets, 1 turnover day, nightly 10000, and its
// own rule: 3..10 nights, check-in at most 2 months ahead, same-day cut-off at hour 0 (so a
// same-day check-in is always past the cut-off, whatever the time of day), and check-in on
// every weekday except that of B + 1, where B = today + 14. The other seeded units have no rules.
// Seasons are deleted so that prices do not depend on today's date: a Strict stay costs
// nights x 10000 + the 4000 cleaning fee; no taxes in this database.

const auth = bearer(TEST_SERVICE_API_KEY);
const guest = { firstName: "Ana", lastName: "Rivera", email: "ana@example.com" };
const today = todayIn(env.PROPERTY_TIMEZONE);
const B = addDays(today, 14);
const closedWeekday = weekdayOf(addDays(B, 1));
let unitId: string;

interface Scenario {
  rule: string;
  checkIn: string;
  nights: number;
  guests?: number;
  pets?: number;
  status: number;
  code: string;
  details: Record<string, unknown>;
}

const scenarios = (): Scenario[] => [
  // Booking B+20..B+23 (turnover 1, so B+23 is its turnover day).
  { rule: "UNAVAILABLE", checkIn: addDays(B, 21), nights: 3, status: 409, code: "UNAVAILABLE", details: {} },
  { rule: "UNAVAILABLE", checkIn: addDays(B, 23), nights: 3, status: 409, code: "UNAVAILABLE", details: {} },
  { rule: "MIN_NIGHTS", checkIn: B, nights: 2, status: 422, code: "STAY_NOT_ALLOWED", details: { minNights: 3 } },
  { rule: "MAX_NIGHTS", checkIn: B, nights: 11, status: 422, code: "STAY_NOT_ALLOWED", details: { maxNights: 10 } },
  { rule: "HORIZON", checkIn: addDays(addMonths(today, 2), 1), nights: 3, status: 422, code: "STAY_NOT_ALLOWED", details: { lastCheckIn: addMonths(today, 2) } },
  { rule: "SAME_DAY_CUTOFF", checkIn: today, nights: 3, status: 422, code: "STAY_NOT_ALLOWED", details: { cutoffHour: 0 } },
  {
    rule: "CHECKIN_WEEKDAY",
    checkIn: addDays(B, 1),
    nights: 3,
    status: 422,
    code: "STAY_NOT_ALLOWED",
    details: { checkInWeekdays: [0, 1, 2, 3, 4, 5, 6].filter((d) => d !== closedWeekday) },
  },
  { rule: "CAPACITY", checkIn: B, nights: 3, guests: 4, status: 400, code: "VALIDATION_FAILED", details: { capacity: 3 } },
  { rule: "PETS", checkIn: B, nights: 3, pets: 1, status: 400, code: "VALIDATION_FAILED", details: { maxPets: 0 } },
];

beforeAll(async () => {
  await seed();
  await prisma.season.deleteMany();
  const unit = await createUnit({ slug: "strict", name: "Strict", type: "TRAILER", capacity: 3, turnoverDays: 1 });
  unitId = unit.id;
  await createRatePlan({ unitId, nightly: 10000 });
  await prisma.stayRule.create({
    data: {
      name: "strict",
      unitId,
      minNights: 3,
      maxNights: 10,
      bookingHorizonMonths: 2,
      sameDayCutoffHour: 0,
      checkInWeekdays: [0, 1, 2, 3, 4, 5, 6].filter((d) => d !== closedWeekday),
    },
  });
  await createBooking({ unitId, checkIn: addDays(B, 20), checkOut: addDays(B, 23), turnoverDays: 1 });
});

function expectRefusal(res: CallResult, s: Scenario, label: string) {
  expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(s.status);
  expect(res.body.error.code, label).toBe(s.code);
  expect(res.body.error.details, label).toEqual({ rule: s.rule, ...s.details, alternatives: expect.any(Array) });
  expect(res.body.error.details.alternatives.length, label).toBeLessThanOrEqual(3);
  if (s.rule === "CAPACITY") expect(res.body.error.issues).toEqual([{ path: "guests", message: "This unit sleeps at most 3 guests." }]);
  if (s.rule === "PETS") expect(res.body.error.issues).toEqual([{ path: "pets", message: "This unit does not accept pets." }]);
}

const party = (s: Scenario) => ({ guests: s.guests ?? 2, ...(s.pets ? { pets: s.pets } : {}) });

describe("each rule is refused with its reason at every entry point", () => {
  it.each(scenarios().map((s) => [`${s.rule} ${s.checkIn} +${s.nights}`, s] as const))("%s", async (label, s) => {
    const checkOut = addDays(s.checkIn, s.nights);
    const body = { unitId: "strict", checkIn: s.checkIn, checkOut, ...party(s) };

    expectRefusal(await callRoute(postQuote, { path: "/api/v1/quote", body }), s, `quote ${label}`);

    const qs = { unitId: "strict", start: s.checkIn, end: checkOut, ...Object.fromEntries(Object.entries(party(s)).map(([k, v]) => [k, String(v)])) };
    const availability = await callRoute(getAvailability, { path: `/api/v1/availability?${new URLSearchParams(qs)}` });
    expect(availability.status).toBe(200);
    expect(availability.body).toMatchObject({ isAvailable: false, rule: s.rule, details: s.details });
    expect(availability.body.alternatives.length).toBeLessThanOrEqual(3);

    const holdsBefore = await prisma.hold.count();
    expectRefusal(await callRoute(postHold, { path: "/api/v1/holds", body, headers: auth }), s, `hold ${label}`);
    expect(await prisma.hold.count()).toBe(holdsBefore);

    // A hold that exists anyway (placed before the rule, or by hand) is refused at checkout.
    const hold = await createHold({ unitId, checkIn: s.checkIn, checkOut, guests: s.guests ?? 2, turnoverDays: 0 });
    await prisma.hold.update({ where: { id: hold.id }, data: { pets: s.pets ?? 0 } });
    try {
      const res = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId: hold.id, customer: guest }, headers: auth });
      expectRefusal(res, s, `checkout ${label}`);
      expect(emulator.paymentIntents().filter((p) => p.metadata.holdId === hold.id)).toEqual([]);
    } finally {
      await prisma.hold.update({ where: { id: hold.id }, data: { status: "CANCELLED" } });
    }
  });
});

describe("a stay that keeps every rule", () => {
  it("is quoted, available and held, with no refusal", async () => {
    const body = { unitId: "strict", checkIn: B, checkOut: addDays(B, 3), guests: 3 };
    const quote = await callRoute(postQuote, { path: "/api/v1/quote", body });
    expect(quote.status).toBe(200);
    expect(quote.body.totalCents).toBe(34000); // 3 x 10000 + 4000 cleaning
    const hold = await callRoute(postHold, { path: "/api/v1/holds", body, headers: auth });
    expect(hold.status).toBe(201);
    await prisma.hold.update({ where: { id: hold.body.holdId }, data: { status: "CANCELLED" } });
  });
});

describe("gap nights", () => {
  it("a free gap shorter than the minimum can be booked as exactly that gap", async () => {
    // Stays end B+33 (free from B+34 after turnover) and start B+37 (a stay must end by B+36):
    // the gap B+34..B+36 is 2 nights, below the minimum of 3.
    await createBooking({ unitId, checkIn: addDays(B, 30), checkOut: addDays(B, 33), turnoverDays: 1 });
    await createBooking({ unitId, checkIn: addDays(B, 37), checkOut: addDays(B, 40), turnoverDays: 1 });
    const part = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId: "strict", checkIn: addDays(B, 34), checkOut: addDays(B, 35), guests: 1 }, headers: auth });
    expect(part.status).toBe(422);
    expect(part.body.error.details).toMatchObject({ rule: "MIN_NIGHTS", minNights: 3 });
    const whole = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId: "strict", checkIn: addDays(B, 34), checkOut: addDays(B, 36), guests: 1 }, headers: auth });
    expect(whole.status, JSON.stringify(whole.body)).toBe(201);
  });
});

describe("alternatives", () => {
  it("offers stays that can be held: the same length nearby on the same unit, and the same dates elsewhere", async () => {
    // Taken nights on Strict: B+20..B+23 (+1 turnover). Ask for B+21..B+24.
    const res = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId: "strict", checkIn: addDays(B, 21), checkOut: addDays(B, 24), guests: 2 }, headers: auth });
    expect(res.status).toBe(409);
    const alternatives = res.body.error.details.alternatives as Array<{ slug: string; checkIn: string; checkOut: string; nights: number; totalCents: number }>;
    expect(alternatives).toHaveLength(3);
    // Nearest earlier on Strict: a 3-night stay must end by B+20 (own turnover day B+20 must be
    // free of check-ins... the booking starts B+20, so it must end B+19): B+16..B+19, 5 days earlier.
    // B+16 is not the closed weekday (that is B+1 + 7k). Nearest later: free from B+24: B+24..B+27.
    expect(alternatives[0]).toMatchObject({ slug: "strict", checkIn: addDays(B, 16), checkOut: addDays(B, 19), nights: 3, totalCents: 34000 });
    expect(alternatives[1]).toMatchObject({ slug: "strict", checkIn: addDays(B, 24), checkOut: addDays(B, 27), nights: 3, totalCents: 34000 });
    // Then the cheapest other unit for the same dates that fits two guests.
    expect(alternatives[2]).toMatchObject({ checkIn: addDays(B, 21), checkOut: addDays(B, 24), nights: 3 });
    expect(alternatives[2]!.slug).not.toBe("strict");

    for (const alt of alternatives) {
      const hold = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId: alt.slug, checkIn: alt.checkIn, checkOut: alt.checkOut, guests: 2 }, headers: auth });
      expect(hold.status, `${alt.slug} ${alt.checkIn}: ${JSON.stringify(hold.body)}`).toBe(201);
      const quote = await callRoute(postQuote, { path: "/api/v1/quote", body: { unitId: alt.slug, checkIn: alt.checkIn, checkOut: alt.checkOut, guests: 2 } });
      // Held now, so the quote refuses; the price offered was the hold's price (checked via checkout).
      expect(quote.status).toBe(409);
      const checkout = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId: hold.body.holdId, customer: guest }, headers: auth });
      expect(checkout.body.amountCents).toBe(alt.totalCents);
    }
  });
});
