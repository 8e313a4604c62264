import { vi } from "vitest";
// Before any import reads the environment.
vi.hoisted(() => {
  process.env.HOLDS_PER_GUEST_MAX = "2";
  process.env.RESERVE_RATE_LIMIT_MAX = "3";
  process.env.RESERVE_RATE_LIMIT_WINDOW_SECONDS = "600";
});
import { emulator } from "../support/stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { POST as postCheckout } from "@/app/api/v1/checkout/route";
import { addDays, todayIn } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { checkReserveLimit } from "@/lib/site/reserve-limit";
import { bearer, callRoute } from "../support/call-route";
import { createRatePlan, createUnit } from "../support/factories";
import { TEST_SERVICE_API_KEY } from "../support/test-env";

// One guest cannot hoard the property: at most 2 live unpaid holds per guest (by email, and by
// the address the site forwards), long stays lapse sooner, and the site's Reserve action is
// limited per client address across units. Before, 4 holds on 4 units with one email all
// succeeded, and a 365-night hold lasted the full 15 minutes.

const auth = bearer(TEST_SERVICE_API_KEY);
const units: string[] = [];
let day0: string;

beforeAll(async () => {
  for (let i = 0; i < 6; i++) {
    const unit = await createUnit();
    await createRatePlan({ unitId: unit.id, nightly: 10_000, currency: "USD" });
    units.push(unit.id);
  }
  day0 = addDays(todayIn("America/New_York"), 20);
});

const guest = (email: string) => ({ firstName: "Hoarder", lastName: "Guest", email });

function hold(unitId: string, body: Record<string, unknown>, headers: Record<string, string> = auth) {
  return callRoute(postHold, { path: "/api/v1/holds", body: { unitId, checkIn: day0, checkOut: addDays(day0, 3), guests: 2, ...body }, headers });
}

describe("live unpaid holds per guest", () => {
  it("4 holds with one email on 4 units: the first 2 are held, the others get 429 saying what to do", async () => {
    const customer = guest("one.email@example.com");
    const results = [];
    for (const unitId of units.slice(0, 4)) results.push(await hold(unitId, { customer }));
    expect(results.map((r) => r.status)).toEqual([201, 201, 429, 429]);
    const refused = results[2]!;
    expect(refused.body.error.code).toBe("RATE_LIMITED");
    expect(refused.body.error.message).toMatch(/2 unpaid holds/);
    expect(refused.body.error.details).toEqual({ rule: "holds_per_guest", limit: 2 });
    // Until the earliest of the guest's holds lapses: at most the 15-minute TTL.
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await prisma.hold.count({ where: { customer: { email: "one.email@example.com" } } })).toBe(2);
  });

  it("the email is compared without case, and 4 raced holds still leave exactly 2", async () => {
    const results = await Promise.all(
      units.slice(0, 4).map((unitId, i) => hold(unitId, { checkIn: addDays(day0, 10), checkOut: addDays(day0, 12), customer: guest(i % 2 ? "Race.Guest@Example.com" : "race.guest@example.com") })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 429)).toHaveLength(2);
    expect(await prisma.hold.count({ where: { customer: { email: "race.guest@example.com" }, status: "ACTIVE" } })).toBe(2);
  });

  it("counts by the guest address the site forwards, whatever the emails", async () => {
    const headers = { ...auth, "x-palm-guest-ip": "203.0.113.77" };
    const statuses = [];
    for (const [i, unitId] of units.slice(0, 3).entries()) {
      statuses.push((await hold(unitId, { checkIn: addDays(day0, 20), checkOut: addDays(day0, 22), customer: guest(`addr${i}@example.com`) }, headers)).status);
    }
    expect(statuses).toEqual([201, 201, 429]);
    // Another address is another guest.
    const other = await hold(units[2]!, { checkIn: addDays(day0, 20), checkOut: addDays(day0, 22) }, { ...auth, "x-palm-guest-ip": "203.0.113.78" });
    expect(other.status).toBe(201);
  });

  it("paid or lapsed holds do not count", async () => {
    const customer = guest("lapsed@example.com");
    const a = await hold(units[0]!, { checkIn: addDays(day0, 30), checkOut: addDays(day0, 31), customer });
    const b = await hold(units[1]!, { checkIn: addDays(day0, 30), checkOut: addDays(day0, 31), customer });
    expect([a.status, b.status]).toEqual([201, 201]);
    await prisma.hold.update({ where: { id: a.body.holdId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await prisma.hold.update({ where: { id: b.body.holdId }, data: { status: "CONVERTED" } });
    const c = await hold(units[2]!, { checkIn: addDays(day0, 30), checkOut: addDays(day0, 31), customer });
    expect(c.status).toBe(201);
  });

  it("checkout that names a guest who already has 2 other live holds is refused", async () => {
    const customer = guest("bot.guest@example.com");
    for (const unitId of units.slice(0, 2)) expect((await hold(unitId, { checkIn: addDays(day0, 40), checkOut: addDays(day0, 41), customer })).status).toBe(201);
    // A hold placed without a guest (as a chatbot may), then paid for by the same guest.
    const anonymous = await hold(units[2]!, { checkIn: addDays(day0, 40), checkOut: addDays(day0, 41) });
    expect(anonymous.status).toBe(201);
    const res = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId: anonymous.body.holdId, customer }, headers: auth });
    expect(res.status).toBe(429);
    expect(res.body.error.details.rule).toBe("holds_per_guest");
  });
});

describe("long stays", () => {
  it("a stay over 30 nights is held for 5 minutes; 30 nights keep the requested TTL", async () => {
    const start = addDays(day0, 60);
    const before = Date.now();
    const long = await hold(units[4]!, { checkIn: start, checkOut: addDays(start, 31), ttlMinutes: 15 });
    const month = await hold(units[5]!, { checkIn: start, checkOut: addDays(start, 30), ttlMinutes: 15 });
    expect([long.status, month.status]).toEqual([201, 201]);
    const minutes = (iso: string) => (new Date(iso).getTime() - before) / 60_000;
    expect(minutes(long.body.expiresAt)).toBeGreaterThan(4.9);
    expect(minutes(long.body.expiresAt)).toBeLessThanOrEqual(5.1);
    expect(minutes(month.body.expiresAt)).toBeGreaterThan(14.9);
  });
});

describe("the site's Reserve action", () => {
  it("allows 3 reservations per client address in 10 minutes across units, then says when to retry", async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await checkReserveLimit("198.51.100.9"));
    expect(results.slice(0, 3)).toEqual([null, null, null]);
    expect(results[3]).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(results[3]!.message).toMatch(/try again in 10 minutes/);
    expect(await checkReserveLimit("198.51.100.10")).toBeNull();
  });
});

void emulator;
