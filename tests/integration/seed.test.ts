import { describe, expect, it } from "vitest";
import { PUT as saveRates } from "@/app/api/admin/rates/route";
import { fromDbDate, todayIn } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { seedDatabase } from "@/lib/seed/seed-database";
import { signedIn } from "../support/admin-session";
import { callRoute } from "../support/call-route";
import { TEST_ORIGIN } from "../support/test-env";

// prisma/seed.ts runs seedDatabase; `npm run db:seed` must be safe to run again and again.

async function snapshot() {
  const [units, plans, seasons, fees, taxes, rules, policies] = await Promise.all([
    prisma.unit.findMany({ orderBy: { slug: "asc" } }),
    prisma.ratePlan.findMany({ orderBy: { id: "asc" } }),
    prisma.season.findMany({ orderBy: { name: "asc" } }),
    prisma.fee.findMany({ orderBy: { name: "asc" } }),
    prisma.tax.findMany({ orderBy: { code: "asc" } }),
    prisma.stayRule.findMany({ orderBy: { name: "asc" } }),
    prisma.cancellationPolicy.findMany({ orderBy: { name: "asc" } }),
  ]);
  return { units, plans, seasons, fees, taxes, rules, policies };
}

describe("seed", () => {
  it("creates the property's units, plans, seasons and fee", async () => {
    const first = await seedDatabase(prisma);
    // 11 units + 5 unit plans + 2 category plans + 3 seasons + 2 fees + 3 taxes + 3 stay rules
    // + 1 property settings row + 1 cancellation policy
    expect(first).toEqual({ created: 31, updated: 0 });

    const slugs = (await prisma.unit.findMany({ select: { slug: true } })).map((u) => u.slug).sort();
    expect(slugs).toEqual(
      ["9606-2br", "9608-1br", "9618-2br", "essex", "rv-01", "rv-02", "rv-03", "trailer-01", "trailer-02", "trailer-03", "view"].sort(),
    );
    const trailer = await prisma.unit.findUniqueOrThrow({ where: { slug: "trailer-02" }, include: { ratePlans: true } });
    expect(trailer.ratePlans).toEqual([]);
    expect(await prisma.ratePlan.findUnique({ where: { category: "TRAILER" } })).not.toBeNull();
    expect(await prisma.ratePlan.findUnique({ where: { category: "RV_SITE" } })).not.toBeNull();
    const seasons = await prisma.season.findMany({ orderBy: { startDate: "asc" } });
    expect(seasons.map((s) => [s.name, s.startDate.toISOString().slice(5, 10), s.endDate.toISOString().slice(5, 10), s.discountPct])).toEqual([
      ["Apr Discount", "04-01", "04-30", 10],
      ["Summer Discount", "05-01", "10-31", 20],
      ["Nov Discount", "11-01", "11-30", 10],
    ]);
    expect(await prisma.fee.findMany({ select: { name: true, amount: true, perStay: true, appliesTo: true }, orderBy: { name: "asc" } })).toEqual([
      { name: "Cleaning Fee", amount: 4000, perStay: true, appliesTo: "STAY" },
      { name: "Pet Fee", amount: 2500, perStay: true, appliesTo: "PET" },
    ]);
    expect(await prisma.tax.findMany({ select: { name: true, rateBps: true, maxStayNights: true, appliesToFees: true }, orderBy: { rateBps: "desc" } })).toEqual([
      { name: "Florida sales tax", rateBps: 600, maxStayNights: 182, appliesToFees: ["Cleaning Fee", "Pet Fee"] },
      { name: "Tourist development tax", rateBps: 500, maxStayNights: 182, appliesToFees: ["Cleaning Fee", "Pet Fee"] },
      { name: "County discretionary surtax", rateBps: 100, maxStayNights: 182, appliesToFees: ["Cleaning Fee", "Pet Fee"] },
    ]);
    const defaults = await prisma.stayRule.findUniqueOrThrow({ where: { name: "Property defaults" } });
    expect(defaults).toMatchObject({ unitId: null, category: null, bookingHorizonMonths: 18, sameDayCutoffHour: 18 });
    expect((await prisma.unit.findMany({ where: { petFriendly: true }, select: { slug: true }, orderBy: { slug: "asc" } })).map((u) => u.slug)).toEqual([
      "9618-2br",
      "essex",
    ]);
  });

  it("changes nothing when run again, not even updatedAt", async () => {
    const before = await snapshot();
    expect(await seedDatabase(prisma)).toEqual({ created: 0, updated: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("leaves a rate and a fee the owner edited alone", async () => {
    const plan = await prisma.ratePlan.findFirstOrThrow({ where: { category: "TRAILER" } });
    await prisma.ratePlan.update({ where: { id: plan.id }, data: { nightly: 12_345 } });
    await prisma.fee.update({ where: { name: "Cleaning Fee" }, data: { amount: 5_500 } });
    const before = await snapshot();
    expect(await seedDatabase(prisma)).toEqual({ created: 0, updated: 0 });
    const after = await snapshot();
    expect(after).toEqual(before);
    expect(after.fees[0]?.amount).toBe(5_500);
    expect((await prisma.ratePlan.findUniqueOrThrow({ where: { id: plan.id } })).nightly).toBe(12_345);
  });

  it("creates the property settings once and leaves the owner's edits alone", async () => {
    await prisma.propertySettings.update({ where: { id: 1 }, data: { phone: "+1 239 555 0199" } });
    expect(await seedDatabase(prisma)).toEqual({ created: 0, updated: 0 });
    const row = await prisma.propertySettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(row.phone).toBe("+1 239 555 0199");
    expect(row.name).toBe("Palm Aire Court");
  });

  it("creates the default cancellation policy once and leaves the owner's edits alone", async () => {
    const policy = await prisma.cancellationPolicy.findUniqueOrThrow({ where: { name: "Standard" } });
    expect(policy).toMatchObject({
      unitId: null,
      category: null,
      tiers: [
        { daysBefore: 30, refundPct: 100 },
        { daysBefore: 14, refundPct: 50 },
        { daysBefore: 0, refundPct: 0 },
      ],
      refundFeesBeforeArrival: true,
      graceHours: 48,
      graceMinDaysBefore: 14,
    });
    await prisma.cancellationPolicy.update({ where: { name: "Standard" }, data: { graceHours: 24 } });
    expect(await seedDatabase(prisma)).toEqual({ created: 0, updated: 0 });
    expect((await prisma.cancellationPolicy.findUniqueOrThrow({ where: { name: "Standard" } })).graceHours).toBe(24);
  });

  it("leaves taxes, stay rules and the policy edited in the console alone, a tax's rate change and a switched-off rule included", async () => {
    const owner = await signedIn("OWNER");
    const today = todayIn(process.env.PROPERTY_TIMEZONE!);
    const tax = await prisma.tax.findUniqueOrThrow({ where: { code: "county-tdt" } });
    const rule = await prisma.stayRule.findUniqueOrThrow({ where: { name: "Cottage 1BR winter minimum" } });
    const policy = await prisma.cancellationPolicy.findUniqueOrThrow({ where: { name: "Standard" } });
    const res = await callRoute(saveRates, {
      method: "PUT",
      path: "/api/admin/rates",
      headers: { cookie: owner.cookie, origin: TEST_ORIGIN },
      body: {
        taxes: [{ id: tax.id, name: tax.name, rateBps: 550, appliesToNightly: true, appliesToFees: tax.appliesToFees, maxStayNights: tax.maxStayNights, effectiveFrom: null, effectiveTo: null, rateChangeFrom: today }],
        // Every setting emptied: the rule no longer changes anything, and its row stays as the seed's marker.
        stayRules: [{ id: rule.id, name: rule.name, unitId: null, category: "COTTAGE_1BR", startDate: fromDbDate(rule.startDate!), endDate: fromDbDate(rule.endDate!), recursAnnually: true, minNights: null, maxNights: null, checkInWeekdays: [], bookingHorizonMonths: null, sameDayCutoffHour: null }],
        policies: [{ id: policy.id, name: policy.name, unitId: null, category: null, tiers: [{ daysBefore: 10, refundPct: 100 }, { daysBefore: 0, refundPct: 0 }], refundFeesBeforeArrival: false, graceHours: 0, graceMinDaysBefore: 0 }],
      },
    });
    expect(res.status).toBe(200);
    const before = await snapshot();
    expect(await seedDatabase(prisma)).toEqual({ created: 0, updated: 0 });
    expect(await snapshot()).toEqual(before);
    expect(before.taxes.filter((t) => t.code.startsWith("county-tdt")).map((t) => t.rateBps)).toEqual([500, 550]);
    expect(before.rules.find((r) => r.id === rule.id)?.minNights).toBeNull();
    expect(before.policies.find((p) => p.id === policy.id)?.refundFeesBeforeArrival).toBe(false);
  });
});
