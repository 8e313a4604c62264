import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, toDbDate, todayIn } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { createBooking, createCustomer, createHold, seed } from "../support/factories";
import { adminDatabaseUrl, databaseUrlFor } from "../support/test-env";

// `npm run db:backup` of a database with bookings, holds, payments and refunds, then
// `npm run db:restore` into a fresh database: every row, constraint and index comes back, and the
// restored EXCLUDE constraints still refuse overlapping stays (SQLSTATE 23P01).

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const sourceUrl = process.env.DATABASE_URL!;
const restoredName = `pac_restored_${randomBytes(4).toString("hex")}`;
const restoredUrl = databaseUrlFor(restoredName);
const dir = mkdtempSync(path.join(os.tmpdir(), "pac-backup-test-"));
const backupFile = path.join(dir, "backup.dump");
const start = addDays(todayIn("America/New_York"), 20);

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Per table of the app schema: row count and a digest of every row's full text. */
async function tableDigests(client: Client): Promise<Record<string, { rows: number; digest: string }>> {
  const tables = await client.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const out: Record<string, { rows: number; digest: string }> = {};
  for (const { tablename } of tables.rows) {
    const r = await client.query<{ rows: string; digest: string | null }>(
      `SELECT count(*)::text AS rows, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM public."${tablename}" t`,
    );
    out[tablename] = { rows: Number(r.rows[0]!.rows), digest: r.rows[0]!.digest ?? "" };
  }
  return out;
}

/** Every constraint (with its full definition), index and installed extension of the app schema. */
async function schemaFacts(client: Client) {
  const constraints = await client.query<{ def: string }>(
    `SELECT conrelid::regclass::text || ' ' || conname || ' ' || contype::text || ' ' || pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1`,
  );
  const indexes = await client.query<{ def: string }>(`SELECT indexdef AS def FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`);
  const extensions = await client.query<{ def: string }>(`SELECT extname AS def FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1`);
  return {
    // pg_get_constraintdef may parenthesise a restored CHECK differently; the meaning is the same.
    constraints: constraints.rows.map((r) => r.def.replace(/[()]/g, "")),
    indexes: indexes.rows.map((r) => r.def),
    extensions: extensions.rows.map((r) => r.def),
  };
}

async function sqlState(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe("npm run db:backup and db:restore", () => {
  let unitId: string;

  beforeAll(async () => {
    await seed();
    unitId = (await prisma.unit.findFirstOrThrow({ where: { slug: "essex" } })).id;
    const guest = await createCustomer();
    // A paid booking from a converted hold, a cancelled booking, live and expired holds, and a
    // refunded payment whose nights were taken: every table the money path writes.
    const hold = await createHold({ unitId, checkIn: start, checkOut: addDays(start, 3), status: "CONVERTED", customerId: guest.id });
    const booking = await prisma.booking.create({
      data: { unitId, customerId: guest.id, holdId: hold.id, checkIn: toDbDate(start), checkOut: toDbDate(addDays(start, 3)), totalCents: 49500, baseCents: 45500, discountCents: 0, feesCents: 4000, taxCents: 0 },
    });
    await prisma.payment.create({ data: { bookingId: booking.id, stripeIntentId: "pi_backup_paid", amountCents: 49500, status: "succeeded" } });
    // The owner refunded part of it (a booking's refund, with the booking's refunded total).
    await prisma.bookingRefund.create({
      data: { bookingId: booking.id, sequence: 1, amountCents: 5000, kind: "OWNER", status: "SUCCEEDED", idempotencyKey: "refund:backup:1", stripeRefundId: "re_backup_owner", requestedAt: new Date() },
    });
    await prisma.booking.update({ where: { id: booking.id }, data: { refundedCents: 5000 } });
    await createBooking({ unitId, checkIn: addDays(start, 3), checkOut: addDays(start, 5), status: "CANCELLED" });
    await createHold({ unitId, checkIn: addDays(start, 10), checkOut: addDays(start, 12), expiresAt: new Date(Date.now() + 600_000) });
    await createHold({ unitId, checkIn: addDays(start, 10), checkOut: addDays(start, 12), status: "EXPIRED", expiresAt: new Date(Date.now() - 600_000) });
    await prisma.refund.create({
      data: { stripeIntentId: "pi_backup_refunded", stripeRefundId: "re_backup_1", amountCents: 33000, reason: "nights_taken" },
    });
    await prisma.stripeEvent.create({ data: { id: "evt_backup_1", type: "payment_intent.succeeded" } });

    await withClient(adminDatabaseUrl(), (admin) => admin.query(`CREATE DATABASE "${restoredName}"`));
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await withClient(adminDatabaseUrl(), (admin) => admin.query(`DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`));
  });

  it("restores every row, constraint, index and extension into a fresh database", async () => {
    await run(tsx, [path.join(root, "scripts", "db-backup.ts"), "--url", sourceUrl, "--out", backupFile], { cwd: root });
    const restore = await run(tsx, [path.join(root, "scripts", "db-restore.ts"), backupFile, "--url", restoredUrl], { cwd: root });
    expect(restore.stdout).toContain("Restore complete.");

    const before = await withClient(sourceUrl, tableDigests);
    const after = await withClient(restoredUrl, tableDigests);
    // The money tables really had rows to lose.
    for (const table of ["Booking", "Hold", "Payment", "Refund", "BookingRefund", "StripeEvent", "Unit", "RatePlan", "PropertySettings", "_prisma_migrations"]) {
      expect(before[table]?.rows, table).toBeGreaterThan(0);
    }
    expect(before.Booking!.rows).toBe(2);
    expect(before.Hold!.rows).toBe(3);
    expect(after).toEqual(before);

    const sourceSchema = await withClient(sourceUrl, schemaFacts);
    const restoredSchema = await withClient(restoredUrl, schemaFacts);
    // Bookings, live holds and owner blocks each have one.
    expect(sourceSchema.constraints.filter((c) => / x EXCLUDE USING gist/.test(c))).toHaveLength(3);
    expect(restoredSchema).toEqual(sourceSchema);
  });

  it("the restored EXCLUDE constraints refuse an overlapping booking and an overlapping live hold (23P01)", async () => {
    await withClient(restoredUrl, async (client) => {
      const customerId = (await client.query<{ id: string }>(`SELECT id FROM "Customer" LIMIT 1`)).rows[0]!.id;
      // The paid booking holds [start, start+3); this one starts a night before it ends.
      const overlapping = client.query(
        `INSERT INTO "Booking" (id, "unitId", "customerId", "checkIn", "checkOut", "totalCents", "baseCents", "discountCents", "feesCents", "taxCents", "updatedAt")
         VALUES ('restored-overlap', $1, $2, $3::date, $4::date, 100, 100, 0, 0, 0, now())`,
        [unitId, customerId, addDays(start, 2), addDays(start, 4)],
      );
      expect(await sqlState(overlapping)).toBe("23P01");
      // The live hold is [start+10, start+12).
      const overlappingHold = client.query(
        `INSERT INTO "Hold" (id, "unitId", "checkIn", "checkOut", "expiresAt", "updatedAt")
         VALUES ('restored-hold-overlap', $1, $2::date, $3::date, now() + interval '10 minutes', now())`,
        [unitId, addDays(start, 11), addDays(start, 13)],
      );
      expect(await sqlState(overlappingHold)).toBe("23P01");
      // A stay that ends the day the paid booking starts is still accepted.
      await client.query(
        `INSERT INTO "Booking" (id, "unitId", "customerId", "checkIn", "checkOut", "totalCents", "baseCents", "discountCents", "feesCents", "taxCents", "updatedAt")
         VALUES ('restored-adjacent', $1, $2, $3::date, $4::date, 100, 100, 0, 0, 0, now())`,
        [unitId, customerId, addDays(start, -2), start],
      );
    });
  });

  it("refuses to restore into a database that already holds the app's tables", async () => {
    const refused = await run(tsx, [path.join(root, "scripts", "db-restore.ts"), backupFile, "--url", restoredUrl], { cwd: root }).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain("already holds the app's tables");
  });
});
