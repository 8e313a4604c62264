import { beforeAll, describe, expect, it } from "vitest";
import { addDays, toDbDate, todayIn } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { createBooking, createHold, seed } from "../support/factories";

// The stays version (migration 20261130070000): kept windows of stays are reused until a write
// moves a night. An UPDATE that changes nothing a stay is judged by must not bump the unit's
// version; one that does must, in the writing transaction.

const today = todayIn("America/New_York");
let unitId = "";
let otherUnitId = "";

/** The unit's version; a unit nothing has blocked yet has no row (0). */
async function versionOf(id: string): Promise<bigint> {
  const rows = await prisma.$queryRaw<Array<{ version: bigint }>>`SELECT version FROM "UnitStaysVersion" WHERE "unitId" = ${id}`;
  return rows[0]?.version ?? 0n;
}

/** Whether `write` bumped the unit's version (and left the other unit's alone). */
async function bumps(write: () => Promise<unknown>): Promise<boolean> {
  const [before, otherBefore] = [await versionOf(unitId), await versionOf(otherUnitId)];
  await write();
  expect(await versionOf(otherUnitId)).toBe(otherBefore);
  return (await versionOf(unitId)) !== before;
}

beforeAll(async () => {
  await seed();
  unitId = (await prisma.unit.findUniqueOrThrow({ where: { slug: "essex" } })).id;
  otherUnitId = (await prisma.unit.findUniqueOrThrow({ where: { slug: "view" } })).id;
});

describe("an update bumps a unit's stays version only when it moves a night", () => {
  it("holds: a recorded PaymentIntent or a cancelled-intent stamp does not; expiry, a new expiresAt or new dates do", async () => {
    const hold = await createHold({ unitId, checkIn: addDays(today, 90), checkOut: addDays(today, 92) });
    expect(await bumps(() => prisma.hold.update({ where: { id: hold.id }, data: { stripeIntentId: `pi_version_${hold.id}`, quotedCents: 12345 } }))).toBe(false);
    expect(await bumps(() => prisma.hold.update({ where: { id: hold.id }, data: { intentCancelledAt: new Date() } }))).toBe(false);
    expect(await bumps(() => prisma.hold.update({ where: { id: hold.id }, data: { expiresAt: new Date(Date.now() + 60 * 60_000) } }))).toBe(true);
    expect(await bumps(() => prisma.hold.update({ where: { id: hold.id }, data: { checkOut: toDbDate(addDays(today, 93)) } }))).toBe(true);
    expect(await bumps(() => prisma.hold.update({ where: { id: hold.id }, data: { status: "EXPIRED" } }))).toBe(true);
  });

  it("bookings: notes do not; cancelling, new dates or new turnover days do", async () => {
    const booking = await createBooking({ unitId, checkIn: addDays(today, 100), checkOut: addDays(today, 103) });
    expect(await bumps(() => prisma.booking.update({ where: { id: booking.id }, data: { notes: "Late arrival" } }))).toBe(false);
    expect(await bumps(() => prisma.booking.update({ where: { id: booking.id }, data: { turnoverDays: 1 } }))).toBe(true);
    expect(await bumps(() => prisma.booking.update({ where: { id: booking.id }, data: { checkIn: toDbDate(addDays(today, 101)) } }))).toBe(true);
    expect(await bumps(() => prisma.booking.update({ where: { id: booking.id }, data: { status: "CANCELLED" } }))).toBe(true);
  });

  it("blocks: a new reason does not; new dates or another unit do (both units)", async () => {
    const block = await prisma.block.create({
      data: { unitId, startDate: toDbDate(addDays(today, 110)), endDate: toDbDate(addDays(today, 112)), kind: "OWNER", reason: "Painting" },
    });
    expect(await bumps(() => prisma.block.update({ where: { id: block.id }, data: { reason: "Painting the porch" } }))).toBe(false);
    expect(await bumps(() => prisma.block.update({ where: { id: block.id }, data: { endDate: toDbDate(addDays(today, 113)) } }))).toBe(true);
    const [before, otherBefore] = [await versionOf(unitId), await versionOf(otherUnitId)];
    await prisma.block.update({ where: { id: block.id }, data: { unitId: otherUnitId } });
    expect(await versionOf(unitId)).not.toBe(before);
    expect(await versionOf(otherUnitId)).not.toBe(otherBefore);
  });

  it("a bulk update bumps exactly the units whose rows moved", async () => {
    const a = await createHold({ unitId, checkIn: addDays(today, 120), checkOut: addDays(today, 121) });
    const b = await createHold({ unitId: otherUnitId, checkIn: addDays(today, 120), checkOut: addDays(today, 121) });
    const [before, otherBefore] = [await versionOf(unitId), await versionOf(otherUnitId)];
    // One statement: a's nights stay put (only its intent stamp), b expires.
    await prisma.$executeRaw`UPDATE "Hold" SET "intentCancelledAt" = now(), status = CASE WHEN id = ${b.id} THEN 'EXPIRED'::"HoldStatus" ELSE status END WHERE id IN (${a.id}, ${b.id})`;
    expect(await versionOf(unitId)).toBe(before);
    expect(await versionOf(otherUnitId)).not.toBe(otherBefore);
  });
});
