import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, DatabaseError } from "pg";
import { createCustomer, createUnit } from "../support/factories";

// The overlap and value rules are enforced by PostgreSQL itself; these tests talk plain SQL so
// nothing in the app can be what makes them pass. No constraint knows what day it is (nothing
// here asks whether a stay is in the past), so the literal dates below are safe on any date.

let sql: Client;
let unitId: string;
let otherUnitId: string;
let customerId: string;

beforeAll(async () => {
  sql = new Client({ connectionString: process.env.DATABASE_URL });
  await sql.connect();
  unitId = (await createUnit()).id;
  otherUnitId = (await createUnit()).id;
  customerId = (await createCustomer()).id;
});

afterAll(async () => {
  await sql.end();
});

let n = 0;
async function insertHold(unit: string, checkIn: string, checkOut: string, status = "ACTIVE", turnoverDays = 0) {
  await sql.query(
    `INSERT INTO "Hold" (id, "unitId", "checkIn", "checkOut", "expiresAt", status, "turnoverDays", "updatedAt")
     VALUES ($1, $2, $3, $4, now() + interval '15 minutes', $5, $6, now())`,
    [`h${++n}-${Date.now()}`, unit, checkIn, checkOut, status, turnoverDays],
  );
}

async function insertBooking(unit: string, checkIn: string, checkOut: string, status = "CONFIRMED", total = 1000) {
  await sql.query(
    `INSERT INTO "Booking" (id, "unitId", "customerId", "checkIn", "checkOut", status, "totalCents",
                            "baseCents", "discountCents", "feesCents", "taxCents", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, greatest($7, 0), 0, 0, 0, now())`,
    [`b${++n}-${Date.now()}`, unit, customerId, checkIn, checkOut, status, total],
  );
}

async function sqlState(action: Promise<unknown>): Promise<string | undefined> {
  try {
    await action;
    return undefined;
  } catch (error) {
    if (error instanceof DatabaseError) return error.code;
    throw error;
  }
}

describe("Hold exclusion constraint", () => {
  it("rejects an overlapping ACTIVE hold with 23P01", async () => {
    await insertHold(unitId, "2027-01-10", "2027-01-15");
    expect(await sqlState(insertHold(unitId, "2027-01-14", "2027-01-20"))).toBe("23P01");
    expect(await sqlState(insertHold(unitId, "2027-01-05", "2027-01-11"))).toBe("23P01");
    expect(await sqlState(insertHold(unitId, "2027-01-11", "2027-01-12"))).toBe("23P01");
  });

  it("allows back-to-back stays: a check-out day is the next check-in day", async () => {
    expect(await sqlState(insertHold(unitId, "2027-01-15", "2027-01-18"))).toBeUndefined();
    expect(await sqlState(insertHold(unitId, "2027-01-08", "2027-01-10"))).toBeUndefined();
  });

  it("does not block across units", async () => {
    expect(await sqlState(insertHold(otherUnitId, "2027-01-10", "2027-01-15"))).toBeUndefined();
  });

  it("ignores EXPIRED, CANCELLED and CONVERTED holds", async () => {
    await insertHold(unitId, "2027-03-01", "2027-03-05", "EXPIRED");
    await insertHold(unitId, "2027-03-01", "2027-03-05", "CANCELLED");
    await insertHold(unitId, "2027-03-01", "2027-03-05", "CONVERTED");
    expect(await sqlState(insertHold(unitId, "2027-03-02", "2027-03-04"))).toBeUndefined();
  });

  it("blocks reactivating a hold that now overlaps", async () => {
    await insertHold(unitId, "2027-04-01", "2027-04-05", "EXPIRED");
    await insertHold(unitId, "2027-04-03", "2027-04-06");
    const state = await sqlState(
      sql.query(`UPDATE "Hold" SET status = 'ACTIVE' WHERE "unitId" = $1 AND "checkIn" = '2027-04-01'`, [unitId]),
    );
    expect(state).toBe("23P01");
  });
});

describe("Booking exclusion constraint", () => {
  it("rejects an overlapping CONFIRMED booking with 23P01", async () => {
    await insertBooking(unitId, "2027-06-01", "2027-06-08");
    expect(await sqlState(insertBooking(unitId, "2027-06-07", "2027-06-09"))).toBe("23P01");
  });

  it("allows back-to-back bookings", async () => {
    expect(await sqlState(insertBooking(unitId, "2027-06-08", "2027-06-10"))).toBeUndefined();
  });

  it("ignores CANCELLED bookings", async () => {
    await insertBooking(unitId, "2027-07-01", "2027-07-05", "CANCELLED");
    expect(await sqlState(insertBooking(unitId, "2027-07-02", "2027-07-04"))).toBeUndefined();
  });
});

describe("CHECK constraints", () => {
  it("rejects a reversed or empty date range (23514)", async () => {
    expect(await sqlState(insertHold(unitId, "2027-09-10", "2027-09-05"))).toBe("23514");
    expect(await sqlState(insertHold(unitId, "2027-09-10", "2027-09-10"))).toBe("23514");
    expect(await sqlState(insertBooking(unitId, "2027-09-10", "2027-09-05"))).toBe("23514");
  });

  it("rejects negative money", async () => {
    expect(await sqlState(insertBooking(unitId, "2027-10-01", "2027-10-02", "CONFIRMED", -1))).toBe("23514");
    const fee = sql.query(`INSERT INTO "Fee" (id, name, amount, "updatedAt") VALUES ('f-neg', 'Neg', -5, now())`);
    expect(await sqlState(fee)).toBe("23514");
    const plan = sql.query(`INSERT INTO "RatePlan" (id, category, nightly, "updatedAt") VALUES ('rp-neg', 'TRAILER', -100, now())`);
    expect(await sqlState(plan)).toBe("23514");
  });

  it("rejects a discount outside 0..100 and a season ending before it starts", async () => {
    const insertSeason = (id: string, start: string, end: string, pct: number) =>
      sql.query(
        `INSERT INTO "Season" (id, name, "startDate", "endDate", "discountPct", "updatedAt") VALUES ($1, $1, $2, $3, $4, now())`,
        [id, start, end, pct],
      );
    expect(await sqlState(insertSeason("s1", "2027-01-01", "2027-01-31", 101))).toBe("23514");
    expect(await sqlState(insertSeason("s2", "2027-01-01", "2027-01-31", -1))).toBe("23514");
    expect(await sqlState(insertSeason("s3", "2027-02-01", "2027-01-31", 10))).toBe("23514");
    expect(await sqlState(insertSeason("s4", "2027-01-01", "2027-01-01", 100))).toBeUndefined();
  });
});

describe("turnover days in the exclusion constraints", () => {
  it("keeps the next check-in off a stay's turnover day, and allows it the day after", async () => {
    const unit = (await createUnit({ turnoverDays: 1 })).id;
    // Stay Mar 1-5 with one turnover day: Mar 5 is the turnover day, Mar 6 the first free night.
    await insertHold(unit, "2027-03-01", "2027-03-05", "ACTIVE", 1);
    expect(await sqlState(insertHold(unit, "2027-03-05", "2027-03-07"))).toBe("23P01");
    expect(await sqlState(insertHold(unit, "2027-03-06", "2027-03-08"))).toBeUndefined();
    // A stay ending on the first stay's check-in day, with its own turnover day, would need Mar 1 free.
    expect(await sqlState(insertHold(unit, "2027-02-25", "2027-03-01", "ACTIVE", 1))).toBe("23P01");
    expect(await sqlState(insertHold(unit, "2027-02-25", "2027-03-01", "ACTIVE", 0))).toBeUndefined();
  });

  it("rejects a negative or out-of-range party (23514)", async () => {
    expect(await sqlState(sql.query(`UPDATE "Hold" SET pets = 3 WHERE id = (SELECT id FROM "Hold" LIMIT 1)`))).toBe("23514");
    expect(await sqlState(sql.query(`UPDATE "Hold" SET guests = 0 WHERE id = (SELECT id FROM "Hold" LIMIT 1)`))).toBe("23514");
  });
});
