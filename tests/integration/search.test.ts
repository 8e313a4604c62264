import { beforeAll, describe, expect, it } from "vitest";
import { GET as getSearch } from "@/app/api/v1/search/route";
import { POST as postQuote } from "@/app/api/v1/quote/route";
import { addDays, todayIn } from "@/lib/dates";
import { env } from "@/lib/env";
import { prisma } from "@/lib/server/db/client";
import { searchStays } from "@/lib/server/search/search-stays";
import { callRoute } from "../support/call-route";
import { countingClient } from "../support/count-queries";
import { createBooking, createHold, seed } from "../support/factories";

// Search against a brute-force answer over the same database, for random stays and parties
// (property test). The randomness only chooses the cases; every case's expected answer comes
// from plain SQL written independently of the app's blocking-stays query. The seed is printed;
// set SEARCH_SEED to replay a run.

const SEED = Number(process.env.SEARCH_SEED ?? Date.now() % 2 ** 31);

/** mulberry32: a small seeded generator, so a failing run can be replayed exactly. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = generator(SEED);
const int = (n: number) => Math.floor(random() * n);
const today = todayIn(env.PROPERTY_TIMEZONE);
const TYPES = ["TRAILER", "COTTAGE_1BR", "COTTAGE_2BR", "RV_SITE"] as const;

async function bruteForce(checkIn: string, checkOut: string, guests: number, type?: string): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<Array<{ slug: string }>>(
    `SELECT u.slug FROM "Unit" u
      WHERE u.active AND u.capacity >= $3 AND ($4::text IS NULL OR u.type::text = $4)
        AND NOT EXISTS (SELECT 1 FROM "Booking" b WHERE b."unitId" = u.id AND b.status = 'CONFIRMED'
                          AND b."checkIn" < $2::date + u."turnoverDays" AND $1::date < b."checkOut" + b."turnoverDays")
        AND NOT EXISTS (SELECT 1 FROM "Hold" h WHERE h."unitId" = u.id AND h.status = 'ACTIVE' AND h."expiresAt" > $5
                          AND h."checkIn" < $2::date + u."turnoverDays" AND $1::date < h."checkOut" + h."turnoverDays")
      ORDER BY u.slug`,
    checkIn,
    checkOut,
    guests,
    type ?? null,
    // The app's clock, not the database server's (they differ under faketime).
    new Date(),
  );
  return rows.map((r) => r.slug);
}

beforeAll(async () => {
  console.log(`search property test seed: SEARCH_SEED=${SEED}`);
  await seed();
  // Two units keep a turnover day, so search must honour it like holds do.
  await prisma.unit.updateMany({ where: { slug: { in: ["essex", "rv-02"] } }, data: { turnoverDays: 1 } });
  const units = await prisma.unit.findMany({ select: { id: true, turnoverDays: true } });
  for (const unit of units) {
    let day = 5 + int(4);
    while (day < 70) {
      const checkIn = addDays(today, day);
      const checkOut = addDays(checkIn, 1 + int(6));
      const kind = int(4);
      const turnoverDays = unit.turnoverDays;
      if (kind === 0) await createBooking({ unitId: unit.id, checkIn, checkOut, turnoverDays });
      else if (kind === 1) await createHold({ unitId: unit.id, checkIn, checkOut, turnoverDays });
      else if (kind === 2) await createHold({ unitId: unit.id, checkIn, checkOut, turnoverDays, expiresAt: new Date(Date.now() - 60_000) });
      else await createBooking({ unitId: unit.id, checkIn, checkOut, turnoverDays, status: "CANCELLED" });
      day += 1 + 6 + turnoverDays + int(8);
    }
  }
});

describe("GET /api/v1/search", () => {
  it("finds exactly the units a brute-force check finds, for 60 random stays and parties", async () => {
    for (let i = 0; i < 60; i++) {
      const checkIn = addDays(today, 3 + int(70));
      const checkOut = addDays(checkIn, 1 + int(10));
      const guests = 1 + int(6);
      const type = int(3) === 0 ? TYPES[int(4)] : undefined;
      const query = { checkIn, checkOut, guests: String(guests), ...(type ? { type } : {}) };
      const res = await callRoute(getSearch, { path: `/api/v1/search?${new URLSearchParams(query)}` });
      const label = `seed ${SEED} case ${i}: ${JSON.stringify(query)}`;
      expect(res.status, label).toBe(200);
      const results = res.body.results as Array<{ unit: { slug: string }; totalCents: number }>;
      expect(results.map((r) => r.unit.slug).sort(), label).toEqual(await bruteForce(checkIn, checkOut, guests, type));
      for (let k = 1; k < results.length; k++) expect(results[k]!.totalCents, label).toBeGreaterThanOrEqual(results[k - 1]!.totalCents);
    }
  }, 120_000);

  it("gives each unit the total its quote gives, and the nightly average rounded half up", async () => {
    const checkIn = addDays(today, 100);
    const res = await callRoute(getSearch, { path: `/api/v1/search?checkIn=${checkIn}&checkOut=${addDays(checkIn, 3)}&guests=2` });
    expect(res.body.results.length).toBeGreaterThan(0);
    for (const r of res.body.results as Array<{ unit: { slug: string }; totalCents: number; nightlyAverageCents: number; nights: number }>) {
      const quote = await callRoute(postQuote, { path: "/api/v1/quote", body: { unitId: r.unit.slug, checkIn, checkOut: addDays(checkIn, 3), guests: 2 } });
      expect(r.totalCents).toBe(quote.body.totalCents);
      expect(r.nights).toBe(3);
      // Half up: 2 x average - 1 < 2 x total / 3 <= 2 x average + 1.
      expect(Math.abs(r.nightlyAverageCents * 3 - r.totalCents) * 2).toBeLessThanOrEqual(3);
    }
  });

  it("asks the database once, whatever the number of units", async () => {
    const counting = countingClient();
    await searchStays({ checkIn: addDays(today, 10), checkOut: addDays(today, 14), guests: 2 }, counting.db);
    expect(counting.operations).toEqual(["$queryRaw"]);
  });

  it("refuses a party larger than anything allowed and a missing guests with 400", async () => {
    const checkIn = addDays(today, 10);
    for (const qs of [`checkIn=${checkIn}&checkOut=${addDays(checkIn, 2)}`, `checkIn=${checkIn}&checkOut=${addDays(checkIn, 2)}&guests=0`]) {
      const res = await callRoute(getSearch, { path: `/api/v1/search?${qs}` });
      expect(res.status).toBe(400);
      expect(res.body.error.issues[0].path).toBe("guests");
    }
  });
});
