import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayIn } from "@/lib/dates";
import { checkAvailability } from "@/lib/server/availability/check-availability";
import { createExportToken, revokeExportToken } from "@/lib/server/channels/export-tokens";
import { buildChannelCalendar } from "@/lib/server/ical/build-channel-calendar";
import { buildUnitCalendar } from "@/lib/server/ical/build-unit-calendar";
import { prisma } from "@/lib/server/db/client";
import { readPool } from "@/lib/server/db/read-pool";
import { computeQuote } from "@/lib/server/pricing";
import { createHold } from "@/lib/server/holds/create-hold";
import { getUnit } from "@/lib/server/units/get-unit";
import { listUnits } from "@/lib/server/units/list-units";
import { searchStays } from "@/lib/server/search/search-stays";
import { GET as availabilityRoute } from "@/app/api/v1/availability/route";
import { POST as quoteRoute } from "@/app/api/v1/quote/route";
import { GET as unitsRoute } from "@/app/api/v1/units/route";
import { GET as unitRoute } from "@/app/api/v1/units/[id]/route";
import { callRoute } from "../support/call-route";
import { startAppServerProcess, type AppServerProcess } from "../support/app-server-process";
import { countStatements } from "../support/count-statements";
import { createBooking, seed } from "../support/factories";

// Issue #19: each hot read is ONE statement on the database, whether the in-process catalog is
// cold or warm, and a rate change is used by the very next quote, in this process and in two
// other server processes sharing the database.
//
// From prisma/data/rates.ts: the TRAILER category plan charges 8900 a night; trailer-02 has no
// plan of its own. A 2-night stay is below the weekly tier, so baseCents = 2 × nightly:
//   before: 2 × 8900 = 17800 · after the owner sets 9400: 2 × 9400 = 18800.

const today = todayIn("America/New_York");
const checkIn = addDays(today, 40);
const checkOut = addDays(today, 42);

async function setTrailerNightly(nightly: number) {
  // The owner's edit path (lib/seed/seed-database.ts updates rate plans the same way).
  await prisma.ratePlan.update({ where: { category: "TRAILER" }, data: { nightly } });
}

beforeAll(async () => {
  await seed();
});

describe("one statement per hot read (counted at the driver every query goes through)", () => {
  it("availability: one statement for the unit and its blocking stays", async () => {
    const { result, statements } = await countStatements(() => checkAvailability({ unitRef: "essex", start: checkIn, end: checkOut }));
    expect(result.isAvailable).toBe(true);
    expect(statements).toHaveLength(1);
  });

  it("quote: one statement on a cold catalog and on a warm one", async () => {
    await setTrailerNightly(8900); // bumps the catalog version: the next quote reloads
    const cold = await countStatements(() => computeQuote({ unitId: "trailer-02", checkIn, checkOut }));
    const warm = await countStatements(() => computeQuote({ unitId: "trailer-02", checkIn, checkOut }));
    expect(cold.result.baseCents).toBe(17800);
    expect(warm.result.baseCents).toBe(17800);
    expect(cold.statements).toHaveLength(1);
    expect(warm.statements).toHaveLength(1);
  });

  it("units list and unit detail: one statement each", async () => {
    const list = await countStatements(() => listUnits());
    const one = await countStatements(() => getUnit({ unitRef: "essex" }));
    expect(list.result.map((u) => u.slug)).toContain("essex");
    expect(one.result.rates?.nightly).toBe(16500);
    expect(list.statements).toHaveLength(1);
    expect(one.statements).toHaveLength(1);
  });

  it("placing a hold: the quote's one read, then BEGIN, one check, one insert and COMMIT", async () => {
    const holdIn = addDays(today, 60);
    const { result, statements } = await countStatements(() =>
      createHold({
        unitId: "essex",
        checkIn: holdIn,
        checkOut: addDays(holdIn, 2),
        guests: 2,
        customer: { firstName: "Count", lastName: "Statements", email: "count.statements@example.com" },
        guestAddress: "203.0.113.9",
      }),
    );
    expect(statements).toHaveLength(5);
    expect(statements[1]).toBe("BEGIN ISOLATION LEVEL SERIALIZABLE");
    expect(statements[2]).toContain("pg_advisory_xact_lock");
    expect(statements[3]).toMatch(/INSERT INTO "Hold"/);
    expect(statements[4]).toBe("COMMIT");
    const row = await prisma.hold.findUniqueOrThrow({ where: { id: result.holdId }, include: { customer: true } });
    expect(row).toMatchObject({ status: "ACTIVE", guests: 2, pets: 0, guestFirstName: "Count", guestLastName: "Statements", guestPhone: null });
    expect(row.guestKey).toMatch(/^[0-9a-f]{32}$/);
    expect(row.customer).toMatchObject({ email: "count.statements@example.com", firstName: "Count" });
    expect(row.id).toMatch(/^c[0-9a-z]{24}$/);
    expect(row.expiresAt.getTime()).toBe(result.expiresAt.getTime());
    await prisma.hold.delete({ where: { id: result.holdId } });
  });

  it("iCal: an unchanged feed is one version check; a new booking is in the very next feed", async () => {
    const essex = await getUnit({ unitRef: "essex" });
    await buildUnitCalendar("essex");
    const unchanged = await countStatements(() => buildUnitCalendar("essex"));
    expect(unchanged.statements).toHaveLength(1);

    const booking = await createBooking({ unitId: essex.id, checkIn: addDays(today, 50), checkOut: addDays(today, 53) });
    const changed = await countStatements(() => buildUnitCalendar("essex"));
    // The version check, then the bookings and the owner blocks (the feed is rendered again).
    expect(changed.statements).toHaveLength(3);
    expect(changed.result?.body).toContain(`UID:${booking.id}`);
    expect(changed.result?.etag).not.toBe(unchanged.result?.etag);

    await prisma.booking.update({ where: { id: booking.id }, data: { status: "CANCELLED" } });
    const cancelled = await buildUnitCalendar("essex");
    expect(cancelled?.body).not.toContain(booking.id);
    expect(cancelled?.etag).toBe(unchanged.result?.etag);
  });
});

// The stays of a window and the answers judged from them are kept between requests (issue #19,
// lib/server/stays/load-stay-context.ts): every change that blocks or frees a night, and the mere
// passing of a hold's expiresAt, must be seen by the very next read.
describe("kept stays and answers follow every change", () => {
  const stayIn = addDays(today, 70);
  const stayOut = addDays(today, 73);

  it("a hold is in the very next availability and quote, and stops blocking at its expiresAt with no write", async () => {
    const start = new Date();
    // Twice: the second answer comes from what the first kept.
    expect((await checkAvailability({ unitRef: "essex", start: stayIn, end: stayOut, now: start })).isAvailable).toBe(true);
    expect((await checkAvailability({ unitRef: "essex", start: stayIn, end: stayOut, now: start })).isAvailable).toBe(true);
    await computeQuote({ unitId: "essex", checkIn: stayIn, checkOut: stayOut, now: start });

    const hold = await createHold({ unitId: "essex", checkIn: stayIn, checkOut: stayOut, guests: 2, ttlMinutes: 15 });
    const held = await checkAvailability({ unitRef: "essex", start: stayIn, end: stayOut });
    expect(held.isAvailable).toBe(false);
    expect(held.rule).toBe("UNAVAILABLE");
    await expect(computeQuote({ unitId: "essex", checkIn: stayIn, checkOut: stayOut })).rejects.toMatchObject({ code: "UNAVAILABLE" });

    // Nothing is written when the hold lapses: the clock alone frees the nights.
    const lapsed = new Date(hold.expiresAt.getTime() + 1_000);
    const after = await countStatements(() => checkAvailability({ unitRef: "essex", start: stayIn, end: stayOut, now: lapsed }));
    expect(after.result.isAvailable).toBe(true);
    expect(after.statements).toHaveLength(1);
    await prisma.hold.delete({ where: { id: hold.holdId } });
  });

  it("a cancelled booking frees its nights for the very next search", async () => {
    const essex = await getUnit({ unitRef: "essex" });
    const searchIn = addDays(today, 90);
    const searchOut = addDays(today, 93);
    const booking = await createBooking({ unitId: essex.id, checkIn: searchIn, checkOut: searchOut });
    const slugs = async () => (await searchStays({ checkIn: searchIn, checkOut: searchOut, guests: 2 })).results.map((r) => r.unit.slug);
    expect(await slugs()).not.toContain("essex");
    expect(await slugs()).not.toContain("essex");
    await prisma.booking.update({ where: { id: booking.id }, data: { status: "CANCELLED" } });
    expect(await slugs()).toContain("essex");
  });

  it("a stay-rule or tax edit is used by the very next quote", async () => {
    const before = await computeQuote({ unitId: "trailer-02", checkIn, checkOut });
    expect(before.nights).toBe(2);
    expect(before.taxCents).toBe(0); // this file's seed has no taxes
    // A 3-night minimum for trailers refuses the 2-night stay at once, and its removal allows it again.
    const rule = await prisma.stayRule.create({ data: { name: "hot-reads trailer minimum", category: "TRAILER", minNights: 3 } });
    await expect(computeQuote({ unitId: "trailer-02", checkIn, checkOut })).rejects.toMatchObject({
      code: "STAY_NOT_ALLOWED",
      details: { rule: "MIN_NIGHTS", minNights: 3 },
    });
    await prisma.stayRule.delete({ where: { id: rule.id } });
    expect((await computeQuote({ unitId: "trailer-02", checkIn, checkOut })).totalCents).toBe(before.totalCents);
    // A 10 % tax on the nights: one tenth of the net nightly charge, rounded half up, on the next quote.
    const tax = await prisma.tax.create({ data: { code: "hot-reads-10", name: "Test tax", rateBps: 1000 } });
    const net = before.baseCents - before.discountCents;
    const taxed = await computeQuote({ unitId: "trailer-02", checkIn, checkOut });
    expect(taxed.taxCents).toBe(Math.floor((net + 5) / 10));
    await prisma.tax.delete({ where: { id: tax.id } });
    expect((await computeQuote({ unitId: "trailer-02", checkIn, checkOut })).taxCents).toBe(0);
  });
});

// Reads that arrive while other statements of this process are in flight share one statement that
// reads only the versions (lib/server/catalog/data-versions.ts), always one sent after they
// arrived; a read whose kept data that statement finds current sends nothing of its own.
describe("reads in flight share one version check", () => {
  const start = addDays(today, 120);
  const end = addDays(today, 123);
  const isVersionCheck = (text: string) => text.includes("json_object_agg");

  // 10 availability reads, 5 unit lists and 5 feeds, all asked while a slow statement of this
  // process holds a pooled connection (as under load, when others are always in flight).
  async function burstWhileBusy() {
    const busy = readPool.query("SELECT pg_sleep(0.2)");
    const [availability, lists, feeds] = await Promise.all([
      Promise.all(Array.from({ length: 10 }, () => checkAvailability({ unitRef: "essex", start, end }))),
      Promise.all(Array.from({ length: 5 }, () => listUnits())),
      Promise.all(Array.from({ length: 5 }, () => buildUnitCalendar("essex"))),
    ]);
    await busy;
    return { availability, lists, feeds };
  }

  it("answers kept data after two shared statements for 20 reads, and every read after a change sees it", async () => {
    const essex = await getUnit({ unitRef: "essex" });
    // Alone: each read sends its own statement and keeps what it read.
    expect((await checkAvailability({ unitRef: "essex", start, end })).isAvailable).toBe(true);
    await listUnits();
    const feed = await buildUnitCalendar("essex");

    const unchanged = await countStatements(burstWhileBusy);
    const own = unchanged.statements.filter((text) => !text.includes("pg_sleep"));
    // The first read to ask starts one version check; the 19 that ask while it runs share the next.
    expect(own).toHaveLength(2);
    expect(own.every(isVersionCheck)).toBe(true);
    expect(unchanged.result.availability.every((a) => a.isAvailable)).toBe(true);
    expect(unchanged.result.lists.every((list) => list.some((u) => u.slug === "essex"))).toBe(true);
    expect(unchanged.result.feeds.every((f) => f?.etag === feed?.etag)).toBe(true);

    // An owner block over the same nights, committed before the next reads ask.
    const block = await prisma.block.create({
      data: { unitId: essex.id, startDate: new Date(`${start}T00:00:00Z`), endDate: new Date(`${end}T00:00:00Z`), kind: "OWNER" },
    });
    const changed = await burstWhileBusy();
    expect(changed.availability.every((a) => !a.isAvailable)).toBe(true);
    expect(changed.feeds.every((f) => f?.body.includes(`UID:${block.id}`))).toBe(true);

    await prisma.block.delete({ where: { id: block.id } });
    const freed = await burstWhileBusy();
    expect(freed.availability.every((a) => a.isAvailable)).toBe(true);
    expect(freed.feeds.every((f) => f?.etag === feed?.etag)).toBe(true);
  });

  it("a rate change reaches every unit list asked after it commits", async () => {
    await setTrailerNightly(8900);
    await listUnits();
    const fromPrice = (lists: Awaited<ReturnType<typeof listUnits>>[]) => lists.map((l) => l.find((u) => u.slug === "trailer-02")?.fromNightlyCents);
    expect(fromPrice((await burstWhileBusy()).lists)).toEqual([8900, 8900, 8900, 8900, 8900]);
    await setTrailerNightly(9400);
    expect(fromPrice((await burstWhileBusy()).lists)).toEqual([9400, 9400, 9400, 9400, 9400]);
    await setTrailerNightly(8900);
  });
});

describe("one statement per request, through the route handlers", () => {
  it("availability, quote, units and unit detail", async () => {
    const requests = [
      () => callRoute(availabilityRoute, { path: "/api/v1/availability", query: { unitId: "essex", start: checkIn, end: checkOut } }),
      () => callRoute(quoteRoute, { path: "/api/v1/quote", body: { unitId: "trailer-02", checkIn, checkOut } }),
      () => callRoute(unitsRoute, { path: "/api/v1/units" }),
      () => callRoute(unitRoute, { path: "/api/v1/units/essex", params: { id: "essex" } }),
    ];
    for (const request of requests) {
      const { result, statements } = await countStatements(request);
      expect(result.status).toBe(200);
      expect(statements).toHaveLength(1);
    }
  });
});

describe("the per-channel export", () => {
  it("answers an unchanged export after one statement, and stops at once when its token is revoked", async () => {
    const made = await createExportToken({ unit: "essex", channel: "airbnb" });
    const first = await buildChannelCalendar({ unitRef: "essex", token: made.token });
    const unchanged = await countStatements(() => buildChannelCalendar({ unitRef: "essex", token: made.token }));
    expect(unchanged.statements).toHaveLength(1);
    expect(unchanged.result.etag).toBe(first.etag);

    await revokeExportToken(made.id, { now: new Date() });
    await expect(buildChannelCalendar({ unitRef: "essex", token: made.token })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the per-channel export, while other reads are in flight", () => {
  // 10 exports asked while a slow statement of this process holds a pooled connection; each
  // settles to its feed or to the error it was refused with.
  async function exportsWhileBusy(token: string) {
    const busy = readPool.query("SELECT pg_sleep(0.2)");
    const answers = await Promise.allSettled(Array.from({ length: 10 }, () => buildChannelCalendar({ unitRef: "essex", token })));
    await busy;
    return answers;
  }

  it("answers a token it found valid from shared version checks, and refuses it to every read after it is revoked", async () => {
    const made = await createExportToken({ unit: "essex", channel: "vrbo" });
    const other = await createExportToken({ unit: "essex", channel: "booking" });
    const first = await buildChannelCalendar({ unitRef: "essex", token: made.token });

    const unchanged = await countStatements(() => exportsWhileBusy(made.token));
    const own = unchanged.statements.filter((text) => !text.includes("pg_sleep"));
    expect(own).toHaveLength(2);
    expect(own.every((text) => text.includes("json_object_agg"))).toBe(true);
    expect(unchanged.result.map((a) => (a.status === "fulfilled" ? a.value.etag : a.reason))).toEqual(Array(10).fill(first.etag));

    // Revoking another token of the same unit moves the version too: the token is checked again, and still valid.
    await revokeExportToken(other.id, { now: new Date() });
    const stillValid = await exportsWhileBusy(made.token);
    expect(stillValid.every((a) => a.status === "fulfilled" && a.value.etag === first.etag)).toBe(true);

    await revokeExportToken(made.id, { now: new Date() });
    const revoked = await exportsWhileBusy(made.token);
    expect(revoked.map((a) => (a.status === "rejected" ? (a.reason as { code?: string }).code : "served"))).toEqual(Array(10).fill("NOT_FOUND"));
  });
});

describe("a rate change is used by the very next quote", () => {
  it("in this process", async () => {
    await setTrailerNightly(8900);
    expect((await computeQuote({ unitId: "trailer-02", checkIn, checkOut })).baseCents).toBe(17800);
    await setTrailerNightly(9400);
    expect((await computeQuote({ unitId: "trailer-02", checkIn, checkOut })).baseCents).toBe(18800);
    // And the unit pages: "from" price is the new nightly rate.
    expect((await listUnits()).find((u) => u.slug === "trailer-02")?.fromNightlyCents).toBe(9400);
  });

  describe("in two other server processes sharing the database", () => {
    let servers: AppServerProcess[] = [];

    beforeAll(async () => {
      servers = await Promise.all([startAppServerProcess(), startAppServerProcess()]);
    }, 60_000);
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()));
    });

    async function quoteBase(server: AppServerProcess): Promise<number> {
      const res = await fetch(`${server.url}/api/v1/quote`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ unitId: "trailer-02", checkIn, checkOut }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { baseCents: number }).baseCents;
    }

    it("both answer the new rate on their next quote after the change commits", async () => {
      await setTrailerNightly(8900);
      // Warm both caches on the old rate.
      expect(await quoteBase(servers[0]!)).toBe(17800);
      expect(await quoteBase(servers[1]!)).toBe(17800);
      expect(await quoteBase(servers[0]!)).toBe(17800);

      await setTrailerNightly(9400);
      expect(await quoteBase(servers[0]!)).toBe(18800);
      expect(await quoteBase(servers[1]!)).toBe(18800);

      await setTrailerNightly(8900);
      expect(await quoteBase(servers[1]!)).toBe(17800);
      expect(await quoteBase(servers[0]!)).toBe(17800);
    });

    it("under concurrent load as well: every quote sent after the change commits has the new rate", async () => {
      await setTrailerNightly(8900);
      let stop = false;
      const seen: Array<{ sentAt: number; base: number }> = [];
      // 8 clients per server in a closed loop, so each server always has reads in flight and
      // shares its version checks (the path a lone request never takes).
      const client = async (server: AppServerProcess) => {
        while (!stop) {
          const sentAt = performance.now();
          seen.push({ sentAt, base: await quoteBase(server) });
        }
      };
      const clients = servers.flatMap((server) => Array.from({ length: 8 }, () => client(server)));
      await new Promise((resolve) => setTimeout(resolve, 400));
      await setTrailerNightly(9400);
      const committedAt = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 400));
      stop = true;
      await Promise.all(clients);

      const before = seen.filter((q) => q.sentAt < committedAt);
      const after = seen.filter((q) => q.sentAt > committedAt);
      expect(before.some((q) => q.base === 17800)).toBe(true);
      expect(after.length).toBeGreaterThan(16);
      expect(after.filter((q) => q.base !== 18800)).toEqual([]);
      await setTrailerNightly(8900);
    });
  });
});
