// The benchmark database: created fresh for every run, migrated and seeded exactly as production
// is (prisma migrate deploy + prisma/seed.ts), then filled with a realistic booking history.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { Client } from "pg";

export function adminDatabaseUrl(): string {
  return process.env.BENCH_DATABASE_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function databaseUrlFor(name: string): string {
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function recreateDatabase(name: string): Promise<void> {
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  });
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** The same two steps a deployment runs: migrations, then the idempotent seed. */
export function migrateAndSeed(root: string, databaseUrl: string): void {
  const env = { ...process.env, DATABASE_URL: databaseUrl, DIRECT_URL: databaseUrl };
  execFileSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: root, env, stdio: "pipe" });
  execFileSync(path.join(root, "node_modules", ".bin", "tsx"), ["prisma/seed.ts"], { cwd: root, env, stdio: "pipe" });
}

export interface HistoryShape {
  pastDays: number;
  futureDays: number;
  customers: number;
  activeHolds: number;
}

export const DEFAULT_HISTORY: HistoryShape = { pastDays: 730, futureDays: 183, customers: 300, activeHolds: 20 };

export interface HistoryStats {
  units: number;
  customers: number;
  bookings: { confirmed: number; cancelled: number };
  holds: Record<string, number>;
  payments: number;
  firstNight: string;
  lastNight: string;
  occupancyPct: number;
}

// Every unit gets one stay per 7-day slot from `pastDays` ago to `futureDays` ahead: 3-7 nights
// (mean 5, so about 70 % occupancy) at a random offset inside the slot, so stays never overlap
// and the gaps look like real ones. 5 % are cancelled. 90 % came from a hold that was CONVERTED
// and have a succeeded Payment; 40 % also have an abandoned EXPIRED hold on the same nights.
// `activeHolds` live ACTIVE holds sit in free gaps of the coming months. Seeded random (setseed)
// so two runs get the same history relative to today.
export async function insertHistory(databaseUrl: string, shape: HistoryShape = DEFAULT_HISTORY): Promise<HistoryStats> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const slots = Math.ceil((shape.pastDays + shape.futureDays) / 7);
  try {
    await client.query("BEGIN");
    await client.query("SELECT setseed(0.42)");
    await client.query(
      `CREATE TEMP TABLE bench_slot ON COMMIT DROP AS
       SELECT u.id AS unit_id, u.idx, s.slot,
              (current_date - $1::int + s.slot * 7) AS slot_start,
              3 + floor(random() * 5)::int AS len,
              0 AS off, random() AS r_cancel, random() AS r_hold, random() AS r_expired,
              COALESCE(u.own_nightly, u.category_nightly, 10000) AS nightly
         FROM (SELECT un.id, row_number() OVER (ORDER BY un.slug)::int AS idx,
                      (SELECT nightly FROM "RatePlan" WHERE "unitId" = un.id) AS own_nightly,
                      (SELECT nightly FROM "RatePlan" WHERE category = un.type) AS category_nightly
                 FROM "Unit" un) u
        CROSS JOIN generate_series(0, $2::int - 1) AS s(slot)`,
      [shape.pastDays, slots],
    );
    // A separate statement so `off` always uses the row's own `len` (0 .. 7 - len).
    await client.query(`UPDATE bench_slot SET off = floor(random() * (8 - len))::int`);
    await client.query(
      `INSERT INTO "Customer" (id, "firstName", "lastName", email, phone, "createdAt", "updatedAt")
       SELECT 'bench_c' || g,
              (ARRAY['Ana','Ben','Carla','Dev','Elena','Frank','Grace','Hugo','Iris','Jamal','Kate','Luis'])[1 + g % 12],
              (ARRAY['Rivera','Smith','Nguyen','Johnson','Garcia','Miller','Brown','Lopez','Wilson','Moore','Clark','Young','King','Hill','Baker'])[1 + (g / 12) % 15],
              'guest' || g || '@bench.example', '+1 239 555 ' || lpad((g % 10000)::text, 4, '0'),
              now() - interval '800 days', now() - interval '800 days'
         FROM generate_series(1, $1::int) AS g`,
      [shape.customers],
    );
    const customerOf = `'bench_c' || (1 + (idx * 131 + slot * 7) % ${shape.customers})`;
    const bookedAt = `((slot_start - 21)::timestamp + interval '10 hours')`;
    await client.query(
      `INSERT INTO "Hold" (id, "unitId", "checkIn", "checkOut", "expiresAt", status, "customerId", "stripeIntentId", "createdAt", "updatedAt")
       SELECT 'bench_h' || idx || '_' || slot, unit_id, slot_start + off, slot_start + off + len,
              ${bookedAt} + interval '15 minutes', 'CONVERTED', ${customerOf}, 'pi_bench_' || idx || '_' || slot,
              ${bookedAt}, ${bookedAt} + interval '3 minutes'
         FROM bench_slot WHERE r_hold < 0.9`,
    );
    await client.query(
      `INSERT INTO "Hold" (id, "unitId", "checkIn", "checkOut", "expiresAt", status, "customerId", "createdAt", "updatedAt")
       SELECT 'bench_x' || idx || '_' || slot, unit_id, slot_start + off, slot_start + off + len,
              ${bookedAt} - interval '2 days' + interval '15 minutes', 'EXPIRED', ${customerOf},
              ${bookedAt} - interval '2 days', ${bookedAt} - interval '2 days' + interval '16 minutes'
         FROM bench_slot WHERE r_expired < 0.4`,
    );
    await client.query(
      `INSERT INTO "Booking" (id, "unitId", "customerId", "checkIn", "checkOut", status, "totalCents", currency,
                              "baseCents", "discountCents", "feesCents", "taxCents", "holdId",
                              "cancelReason", "cancelledAt", "createdAt", "updatedAt")
       SELECT 'bench_b' || idx || '_' || slot, unit_id, ${customerOf}, slot_start + off, slot_start + off + len,
              (CASE WHEN r_cancel < 0.05 THEN 'CANCELLED' ELSE 'CONFIRMED' END)::"BookingStatus",
              len * nightly + 4000, 'USD', len * nightly, 0, 4000, 0,
              CASE WHEN r_hold < 0.9 THEN 'bench_h' || idx || '_' || slot END,
              CASE WHEN r_cancel < 0.05 THEN 'Guest cancelled' END,
              CASE WHEN r_cancel < 0.05 THEN ${bookedAt} + interval '5 days' END,
              ${bookedAt} + interval '3 minutes', ${bookedAt} + interval '3 minutes'
         FROM bench_slot`,
    );
    await client.query(
      `INSERT INTO "Payment" (id, "bookingId", "stripeIntentId", "amountCents", status, "createdAt", "updatedAt")
       SELECT 'bench_p' || idx || '_' || slot, 'bench_b' || idx || '_' || slot, 'pi_bench_' || idx || '_' || slot,
              len * nightly + 4000, 'succeeded', ${bookedAt} + interval '3 minutes', ${bookedAt} + interval '3 minutes'
         FROM bench_slot WHERE r_hold < 0.9`,
    );
    // Live holds in the free nights at the end of a future slot (never overlapping a stay).
    await client.query(
      `INSERT INTO "Hold" (id, "unitId", "checkIn", "checkOut", "expiresAt", status, "customerId", "createdAt", "updatedAt")
       SELECT 'bench_a' || idx || '_' || slot, unit_id, slot_start + off + len, slot_start + 7,
              now() + interval '2 hours', 'ACTIVE', ${customerOf}, now(), now()
         FROM bench_slot
        WHERE slot_start > current_date + 3 AND off + len < 7
        ORDER BY r_expired LIMIT $1::int`,
      [shape.activeHolds],
    );
    await client.query("COMMIT");
    await client.query("ANALYZE");

    const one = async <T>(sql: string): Promise<T> => (await client.query(sql)).rows[0] as T;
    const counts = await one<Record<string, string>>(`
      SELECT (SELECT count(*) FROM "Unit") AS units,
             (SELECT count(*) FROM "Customer") AS customers,
             (SELECT count(*) FROM "Booking" WHERE status = 'CONFIRMED') AS confirmed,
             (SELECT count(*) FROM "Booking" WHERE status = 'CANCELLED') AS cancelled,
             (SELECT count(*) FROM "Payment") AS payments,
             (SELECT min("checkIn")::text FROM "Booking") AS first_night,
             (SELECT max("checkOut")::text FROM "Booking") AS last_night,
             (SELECT round(100.0 * sum("checkOut" - "checkIn") /
                     (count(DISTINCT "unitId") * (max("checkOut") - min("checkIn"))), 1)
                FROM "Booking" WHERE status = 'CONFIRMED') AS occupancy`);
    const holdRows = (await client.query(`SELECT status::text, count(*)::int AS n FROM "Hold" GROUP BY 1 ORDER BY 1`)).rows as Array<{ status: string; n: number }>;
    return {
      units: Number(counts.units),
      customers: Number(counts.customers),
      bookings: { confirmed: Number(counts.confirmed), cancelled: Number(counts.cancelled) },
      holds: Object.fromEntries(holdRows.map((r) => [r.status, r.n])),
      payments: Number(counts.payments),
      firstNight: String(counts.first_night),
      lastNight: String(counts.last_night),
      occupancyPct: Number(counts.occupancy),
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

export interface UnitRow {
  id: string;
  slug: string;
}

export async function listUnits(databaseUrl: string): Promise<UnitRow[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(`SELECT id, slug FROM "Unit" WHERE active ORDER BY slug`)).rows as UnitRow[];
  } finally {
    await client.end();
  }
}

/** Booking codes and their guests' emails, for the lookup endpoint (confirmed bookings, spread over the history). */
export async function sampleLookups(databaseUrl: string, n: number): Promise<Array<{ code: string; email: string }>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (
      await client.query(
        `SELECT b.code, c.email FROM "Booking" b JOIN "Customer" c ON c.id = b."customerId"
          WHERE b.status = 'CONFIRMED' ORDER BY b.id LIMIT $1`,
        [n],
      )
    ).rows as Array<{ code: string; email: string }>;
  } finally {
    await client.end();
  }
}

export interface HoldInvariants {
  /** Pairs of ACTIVE holds of one unit sharing a night (must be 0; the EXCLUDE constraint's job). */
  overlappingActiveHolds: number;
  /** ACTIVE, unexpired holds sharing a night with a CONFIRMED booking (the app's job; should be 0). */
  activeHoldsOverBookings: number;
  /** ACTIVE holds inside the given stays. */
  activeHoldsInRanges: number;
}

/** SQL checks after a contention scenario; `ranges` are the stays the scenario asked for. */
export async function checkHoldInvariants(
  databaseUrl: string,
  ranges: Array<{ unitId: string; checkIn: string; checkOut: string }>,
): Promise<HoldInvariants> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const overlapping = await client.query(`
      SELECT count(*)::int AS n
        FROM "Hold" a JOIN "Hold" b
          ON a."unitId" = b."unitId" AND a.id < b.id
         AND daterange(a."checkIn", a."checkOut", '[)') && daterange(b."checkIn", b."checkOut", '[)')
       WHERE a.status = 'ACTIVE' AND b.status = 'ACTIVE'`);
    const overBookings = await client.query(`
      SELECT count(*)::int AS n
        FROM "Hold" h JOIN "Booking" b
          ON h."unitId" = b."unitId" AND b.status = 'CONFIRMED'
         AND daterange(h."checkIn", h."checkOut", '[)') && daterange(b."checkIn", b."checkOut", '[)')
       WHERE h.status = 'ACTIVE' AND h."expiresAt" > now()`);
    const inRanges = await client.query(
      `SELECT count(*)::int AS n
         FROM "Hold" h
         JOIN "Unit" u ON u.id = h."unitId"
         JOIN jsonb_to_recordset($1::jsonb) AS r("unitId" text, "checkIn" date, "checkOut" date)
           ON (u.slug = r."unitId" OR u.id = r."unitId")
          AND daterange(h."checkIn", h."checkOut", '[)') && daterange(r."checkIn", r."checkOut", '[)')
        WHERE h.status = 'ACTIVE'`,
      [JSON.stringify(ranges)],
    );
    return {
      overlappingActiveHolds: (overlapping.rows[0] as { n: number }).n,
      activeHoldsOverBookings: (overBookings.rows[0] as { n: number }).n,
      activeHoldsInRanges: (inRanges.rows[0] as { n: number }).n,
    };
  } finally {
    await client.end();
  }
}
