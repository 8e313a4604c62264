import { emulator } from "../support/stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postCheckout } from "@/app/api/v1/checkout/route";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { POST as postQuote } from "@/app/api/v1/quote/route";
import { POST as previewRates } from "@/app/api/admin/rates/preview/route";
import { PUT as saveRates } from "@/app/api/admin/rates/route";
import { addDays, fromDbDate, todayIn } from "@/lib/dates";
import { loadCatalog, policyOf } from "@/lib/server/catalog/catalog";
import { prisma } from "@/lib/server/db/client";
import { signedIn } from "../support/admin-session";
import { bearer, callRoute } from "../support/call-route";
import { createRatePlan, createUnit } from "../support/factories";
import { TEST_ORIGIN, TEST_SERVICE_API_KEY } from "../support/test-env";

// Taxes, stay rules and the cancellation policy edited on the console's rates page (#16 item 5).
// The database holds only what beforeAll makes: one unit at $100 a night, a $50 cleaning fee, one
// 5% tourist tax on nights and the cleaning fee, a property-wide rule, and the default policy
// (30 days: 100%, 14 days: 50%, then nothing). No seasons, so totals do not depend on today.
// A 3-night stay: 3 × 10000 = 30000 + 5000 fee = 35000 taxable; 5% = 1750; total 36750.

const auth = bearer(TEST_SERVICE_API_KEY);
const today = () => todayIn(process.env.PROPERTY_TIMEZONE!);
let owner: Awaited<ReturnType<typeof signedIn>>;
let unitId: string;
let bookingId: string;
const bookedIn = addDays(today(), 60);

const send = (handler: typeof saveRates, body: unknown, cookie = owner.cookie) =>
  callRoute(handler, { method: handler === saveRates ? "PUT" : "POST", path: handler === saveRates ? "/api/admin/rates" : "/api/admin/rates/preview", body, headers: { cookie, origin: TEST_ORIGIN } });
const quote = (checkIn: string, nights: number) => callRoute(postQuote, { path: "/api/v1/quote", body: { unitId, checkIn, checkOut: addDays(checkIn, nights), guests: 2 } });

async function taxEdit(patch: Record<string, unknown> = {}) {
  const t = await prisma.tax.findUniqueOrThrow({ where: { code: "tourist" } });
  return {
    id: t.id,
    name: t.name,
    rateBps: t.rateBps,
    appliesToNightly: t.appliesToNightly,
    appliesToFees: t.appliesToFees,
    maxStayNights: t.maxStayNights,
    effectiveFrom: t.effectiveFrom && fromDbDate(t.effectiveFrom),
    effectiveTo: t.effectiveTo && fromDbDate(t.effectiveTo),
    ...patch,
  };
}
async function ruleEdit(patch: Record<string, unknown> = {}) {
  const r = await prisma.stayRule.findUniqueOrThrow({ where: { name: "Property defaults" } });
  return { id: r.id, name: r.name, unitId: null, category: null, startDate: null, endDate: null, recursAnnually: true, minNights: r.minNights, maxNights: r.maxNights, checkInWeekdays: [], bookingHorizonMonths: r.bookingHorizonMonths, sameDayCutoffHour: null, ...patch };
}
async function policyEdit(patch: Record<string, unknown> = {}) {
  const p = await prisma.cancellationPolicy.findUniqueOrThrow({ where: { name: "Standard" } });
  return { id: p.id, name: p.name, unitId: null, category: null, tiers: p.tiers, refundFeesBeforeArrival: p.refundFeesBeforeArrival, graceHours: p.graceHours, graceMinDaysBefore: p.graceMinDaysBefore, ...patch };
}

beforeAll(async () => {
  owner = await signedIn("OWNER");
  unitId = (await createUnit({ name: "Rules Cottage" })).id;
  await createRatePlan({ unitId, nightly: 10_000 });
  await prisma.fee.create({ data: { name: "Cleaning Fee", amount: 5_000, perStay: true } });
  await prisma.tax.create({ data: { code: "tourist", name: "Tourist tax", rateBps: 500, appliesToNightly: true, appliesToFees: ["Cleaning Fee"] } });
  await prisma.stayRule.create({ data: { name: "Property defaults", minNights: 1, maxNights: 365, bookingHorizonMonths: 18 } });
  await prisma.cancellationPolicy.create({
    data: { name: "Standard", tiers: [{ daysBefore: 30, refundPct: 100 }, { daysBefore: 14, refundPct: 50 }, { daysBefore: 0, refundPct: 0 }] },
  });
  // A booking made the way a guest makes one: hold, checkout, payment.
  const hold = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId, checkIn: bookedIn, checkOut: addDays(bookedIn, 3), guests: 2 }, headers: auth });
  expect(hold.status).toBe(201);
  const checkout = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId: hold.body.holdId, customer: { firstName: "Ana", lastName: "Rivera", email: "ana@example.com" } }, headers: auth });
  expect(checkout.body.amountCents).toBe(36_750);
  expect((await emulator.succeed(checkout.body.paymentIntentId)).status).toBe(200);
  bookingId = (await prisma.booking.findFirstOrThrow({ where: { holdId: hold.body.holdId } })).id;
});

describe("taxes", () => {
  it("previews a tax rate change with the sample's new tax and total, and changes nothing", async () => {
    const audits = await prisma.auditLog.count();
    const res = await send(previewRates, { taxes: [await taxEdit({ rateBps: 700 })], samples: [{ unitId, checkIn: addDays(today(), 90), checkOut: addDays(today(), 93) }] });
    expect(res.status).toBe(200);
    // 7% of 35000 = 2450: 35000 + 2450 = 37450.
    expect(res.body.samples[0]).toMatchObject({ beforeCents: 36_750, afterCents: 37_450, before: { taxCents: 1_750 }, after: { taxCents: 2_450, policyName: "Standard" } });
    expect((await prisma.tax.findUniqueOrThrow({ where: { code: "tourist" } })).rateBps).toBe(500);
    expect(await prisma.auditLog.count()).toBe(audits);
  });

  it("a rate change from today taxes the next quote at the new rate and keeps the old rate for earlier nights", async () => {
    const res = await send(saveRates, { taxes: [await taxEdit({ rateBps: 700, rateChangeFrom: today() })] });
    expect(res.status).toBe(200);
    const next = await quote(addDays(today(), 90), 3);
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ baseCents: 30_000, feesCents: 5_000, taxCents: 2_450, totalCents: 37_450 });
    expect(next.body.taxLines).toEqual([{ name: "Tourist tax", rateBps: 700, taxableCents: 35_000, amountCents: 2_450 }]);
    const rows = await prisma.tax.findMany({ orderBy: { code: "asc" } });
    expect(rows.map((t) => [t.code, t.rateBps, t.effectiveFrom && fromDbDate(t.effectiveFrom), t.effectiveTo && fromDbDate(t.effectiveTo)])).toEqual([
      ["tourist", 500, null, addDays(today(), -1)],
      [`tourist-${today()}`, 700, today(), null],
    ]);
    const audit = await prisma.auditLog.findMany({ where: { entityType: "Tax" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.actorEmail])).toEqual([
      ["Tax rate ended", owner.user.email],
      ["Tax added", owner.user.email],
    ]);
    expect(audit[0]!.before).toMatchObject({ rateBps: 500, effectiveTo: null });
    expect(audit[0]!.after).toMatchObject({ rateBps: 500, effectiveTo: addDays(today(), -1) });
    expect(audit[1]!.after).toMatchObject({ code: `tourist-${today()}`, rateBps: 700, effectiveFrom: today() });
  });

  it("leaves the booking made before the change at the amounts it was charged", async () => {
    const booking = await prisma.booking.findUniqueOrThrow({ where: { id: bookingId }, include: { payment: true } });
    expect(booking).toMatchObject({ totalCents: 36_750, baseCents: 30_000, feesCents: 5_000, taxCents: 1_750 });
    expect(booking.taxLines).toEqual([{ name: "Tourist tax", rateBps: 500, taxableCents: 35_000, amountCents: 1_750 }]);
    expect(booking.payment?.amountCents).toBe(36_750);
  });
});

describe("invalid changes", () => {
  it("answers 400 with the field's path for values out of range, and saves none of the request", async () => {
    const plan = await prisma.ratePlan.findFirstOrThrow({ where: { unitId } });
    const audits = await prisma.auditLog.count();
    const planChange = { id: plan.id, nightly: 99_900, weekly: null, monthly: null, fourMonth: null };
    const cases: Array<[unknown, string]> = [
      [{ plans: [planChange], taxes: [await taxEdit({ rateBps: 10_001 })] }, "taxes.0.rateBps"],
      [{ plans: [planChange], stayRules: [await ruleEdit({ minNights: 5, maxNights: 3 })] }, "stayRules.0.maxNights"],
      [{ plans: [planChange], policies: [await policyEdit({ tiers: [{ daysBefore: 7, refundPct: 100 }, { daysBefore: 7, refundPct: 50 }] })] }, "policies.0.tiers"],
      [{ plans: [planChange], policies: [await policyEdit({ graceHours: -1 })] }, "policies.0.graceHours"],
    ];
    for (const [body, path] of cases) {
      const res = await send(saveRates, body);
      expect(res.status, path).toBe(400);
      expect(res.body.error.issues.map((i: { path: string }) => i.path), path).toContain(path);
    }
    expect((await prisma.ratePlan.findUniqueOrThrow({ where: { id: plan.id } })).nightly).toBe(10_000);
    expect(await prisma.auditLog.count()).toBe(audits);
  });

  it("refuses a tax on a fee that does not exist and a renamed rule after earlier changes in the same request, rolling them back", async () => {
    const plan = await prisma.ratePlan.findFirstOrThrow({ where: { unitId } });
    const audits = await prisma.auditLog.count();
    const planChange = { id: plan.id, nightly: 99_900, weekly: null, monthly: null, fourMonth: null };
    const fee = await send(saveRates, { plans: [planChange], taxes: [await taxEdit({ appliesToFees: ["Resort Fee"] })] });
    expect(fee.status).toBe(400);
    expect(fee.body.error.issues).toEqual([{ path: "taxes.0.appliesToFees", message: 'No fee is called "Resort Fee".' }]);
    const renamed = await send(saveRates, { plans: [planChange], stayRules: [await ruleEdit({ name: "House rules" })] });
    expect(renamed.status).toBe(400);
    expect(renamed.body.error.issues).toEqual([{ path: "stayRules.0.name", message: "The name of an existing row cannot change; add a new one instead." }]);
    expect((await prisma.ratePlan.findUniqueOrThrow({ where: { id: plan.id } })).nightly).toBe(10_000);
    expect(await prisma.stayRule.count({ where: { name: "House rules" } })).toBe(0);
    expect(await prisma.auditLog.count()).toBe(audits);
  });

  it("refuses staff and changes nothing", async () => {
    const staff = await signedIn("STAFF");
    const res = await send(saveRates, { stayRules: [await ruleEdit({ minNights: 9 })] }, staff.cookie);
    expect(res.status).toBe(403);
    expect((await prisma.stayRule.findUniqueOrThrow({ where: { name: "Property defaults" } })).minNights).toBe(1);
  });
});

describe("stay rules", () => {
  it("previews a longer minimum stay as a refusal of the sample", async () => {
    const res = await send(previewRates, { stayRules: [await ruleEdit({ minNights: 4 })], samples: [{ unitId, checkIn: addDays(today(), 120), checkOut: addDays(today(), 123) }] });
    expect(res.status).toBe(200);
    expect(res.body.samples[0]).toMatchObject({ beforeCents: 37_450, afterCents: null, after: { totalCents: null } });
    expect(res.body.samples[0].error).toMatch(/at least 4 nights/);
  });

  it("a longer minimum stay refuses the very next hold that is too short and accepts one that is long enough", async () => {
    expect((await send(saveRates, { stayRules: [await ruleEdit({ minNights: 4 })] })).status).toBe(200);
    const checkIn = addDays(today(), 120);
    const short = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId, checkIn, checkOut: addDays(checkIn, 3), guests: 2 }, headers: auth });
    expect(short.status).toBe(422);
    expect(short.body.error.details.rule).toBe("MIN_NIGHTS");
    const long = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId, checkIn, checkOut: addDays(checkIn, 4), guests: 2 }, headers: auth });
    expect(long.status).toBe(201);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityType: "StayRule" } });
    expect(audit).toMatchObject({ action: "Stay rule changed", before: expect.objectContaining({ minNights: 1 }), after: expect.objectContaining({ minNights: 4 }) });
  });
});

describe("cancellation policy", () => {
  it("new quotes carry the edited terms; the booking keeps the snapshot it was sold under", async () => {
    const booked = await prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    const before = await quote(addDays(today(), 150), 4);
    expect(before.body.cancellationPolicy.deadlines).toHaveLength(3);
    const res = await send(saveRates, { policies: [await policyEdit({ tiers: [{ daysBefore: 7, refundPct: 100 }, { daysBefore: 0, refundPct: 0 }], graceHours: 24 })] });
    expect(res.status).toBe(200);
    const after = await quote(addDays(today(), 150), 4);
    expect(after.body.cancellationPolicy.deadlines).toHaveLength(2);
    expect(after.body.cancellationPolicy.gracePeriodHours).toBe(24);
    const stored = await prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(stored.cancellationPolicy).toEqual(booked.cancellationPolicy);
    expect((stored.cancellationPolicy as { policy: { tiers: unknown[]; graceHours: number } }).policy).toMatchObject({ graceHours: 48, tiers: expect.arrayContaining([{ daysBefore: 14, refundPct: 50 }]) });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityType: "CancellationPolicy" } });
    expect(audit).toMatchObject({ action: "Cancellation policy changed", before: expect.objectContaining({ graceHours: 48 }), after: expect.objectContaining({ graceHours: 24 }) });
  });

  it("a console save reaches the cached catalog at the next read", async () => {
    const cached = await loadCatalog();
    expect(await loadCatalog()).toBe(cached);
    const res = await send(saveRates, { policies: [await policyEdit({ graceHours: 12 })] });
    expect(res.status).toBe(200);
    const next = await loadCatalog();
    expect(next.version).not.toBe(cached.version);
    expect(policyOf(next, { id: unitId, type: "COTTAGE_1BR" })).toMatchObject({ name: "Standard", graceHours: 12 });
  });

  it("a console save of a tax or a stay rule reaches the cached catalog at the next read", async () => {
    const first = await loadCatalog();
    expect((await send(saveRates, { taxes: [await taxEdit({ name: "Tourist development tax" })] })).status).toBe(200);
    const second = await loadCatalog();
    expect(second.version).not.toBe(first.version);
    expect(second.taxes.map((t) => t.name)).toContain("Tourist development tax");
    expect((await send(saveRates, { stayRules: [await ruleEdit({ bookingHorizonMonths: 24 })] })).status).toBe(200);
    const third = await loadCatalog();
    expect(third.version).not.toBe(second.version);
    expect(third.rules.map((r) => r.bookingHorizonMonths)).toEqual([24]);
  });
});
