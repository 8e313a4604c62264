import { beforeAll, describe, expect, it } from "vitest";
import { POST as previewRates } from "@/app/api/admin/rates/preview/route";
import { PUT as saveRates } from "@/app/api/admin/rates/route";
import { PUT as saveSettings } from "@/app/api/admin/settings/route";
import { POST as addUser } from "@/app/api/admin/users/route";
import { PATCH as updateUser } from "@/app/api/admin/users/[id]/route";
import { addDays, todayIn } from "@/lib/dates";
import { getPropertyInfo } from "@/lib/server/property/get-property-info";
import { prisma } from "@/lib/server/db/client";
import { computeQuote } from "@/lib/server/pricing";
import { callRoute } from "../support/call-route";
import { signedIn } from "../support/admin-session";
import { createRatePlan, createUnit } from "../support/factories";
import { TEST_ORIGIN } from "../support/test-env";

// Rates with a preview that prices sample stays through the real quote path and then changes
// nothing; property settings; console users. The database has no seasons, fees or taxes except
// the ones these tests add, so every total below is worked out from the plan alone.

let owner: Awaited<ReturnType<typeof signedIn>>;
let unitId: string;
let planId: string;
const checkIn = addDays(todayIn(process.env.PROPERTY_TIMEZONE!), 60);
const checkOut = addDays(checkIn, 3);

beforeAll(async () => {
  owner = await signedIn("OWNER");
  unitId = (await createUnit()).id;
  planId = (await createRatePlan({ unitId, nightly: 10_000, weekly: 60_000 })).id;
});

const post = (handler: typeof previewRates, path: string, body: unknown, method = "POST") =>
  callRoute(handler, { method, path, body, headers: { cookie: owner.cookie, origin: TEST_ORIGIN } });

const changes = () => ({
  plans: [{ id: planId, nightly: 12_000, weekly: 60_000, monthly: null, fourMonth: null }],
  fees: [{ name: "Cleaning Fee", amount: 5_000, perStay: true }],
  samples: [{ unitId, checkIn, checkOut }],
});

describe("rates: preview, then save", () => {
  it("previews the new price of a sample stay and leaves rates and the audit log untouched", async () => {
    const res = await post(previewRates, "/api/admin/rates/preview", changes());
    expect(res.status).toBe(200);
    // Before: 3 nights × $100 = $300. After: 3 × $120 = $360, plus the $50 cleaning fee = $410.
    expect(res.body).toMatchObject({ saved: false, samples: [{ unitId, checkIn, checkOut, beforeCents: 30_000, afterCents: 41_000 }] });
    expect(res.body.samples[0].after).toMatchObject({ totalCents: 41_000, taxCents: 0 });
    expect(res.body.samples[0]).not.toHaveProperty("error");
    expect((await computeQuote({ unitId, checkIn, checkOut })).totalCents).toBe(30_000);
    expect(await prisma.fee.count()).toBe(0);
    expect(await prisma.auditLog.count()).toBe(0);
  });

  it("saves the same changes, which the very next quote uses, and logs before and after", async () => {
    const res = await post(saveRates, "/api/admin/rates", changes(), "PUT");
    expect(res.status).toBe(200);
    expect(res.body.saved).toBe(true);
    expect(res.body.samples[0].afterCents).toBe(41_000);
    expect((await computeQuote({ unitId, checkIn, checkOut })).totalCents).toBe(41_000);
    const audit = await prisma.auditLog.findMany({ orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.actorEmail])).toEqual([
      ["Rate plan changed", owner.user.email],
      ["Fee added", owner.user.email],
    ]);
    expect(audit[0]!.before).toEqual({ nightly: 10_000, weekly: 60_000, monthly: null, fourMonth: null });
    expect(audit[0]!.after).toEqual({ nightly: 12_000, weekly: 60_000, monthly: null, fourMonth: null });
  });

  it("refuses a season that ends before it starts and a plan with no rate, saving nothing", async () => {
    const before = await prisma.auditLog.count();
    const season = await post(saveRates, "/api/admin/rates", { seasons: [{ name: "Bad", startDate: checkOut, endDate: checkIn, discountPct: 10, recursAnnually: false }] }, "PUT");
    expect(season.status).toBe(400);
    expect(season.body.error.issues).toEqual([{ path: "seasons.0.endDate", message: "A season must end on or after its first day." }]);
    const empty = await post(saveRates, "/api/admin/rates", { plans: [{ id: planId, nightly: null, weekly: null, monthly: null, fourMonth: null }] }, "PUT");
    expect(empty.status).toBe(400);
    const negative = await post(saveRates, "/api/admin/rates", { plans: [{ id: planId, nightly: -1, weekly: null, monthly: null, fourMonth: null }] }, "PUT");
    expect(negative.status).toBe(400);
    expect(await prisma.auditLog.count()).toBe(before);
    expect((await prisma.ratePlan.findUniqueOrThrow({ where: { id: planId } })).nightly).toBe(12_000);
  });
});

describe("property settings and console users", () => {
  it("saves the property's contact details, which the site and emails then read", async () => {
    const values = {
      name: "Palm Aire Court",
      addressLine1: "9 Palm Aire Ct",
      addressLine2: null,
      city: "Fort Myers",
      region: "FL",
      postalCode: "33907",
      country: "US",
      phone: "+1 239 555 0142",
      email: "hello@palmaire.example",
      arrivalInstructions: "Key box by the office door.",
    };
    expect((await post(saveSettings, "/api/admin/settings", values, "PUT")).status).toBe(200);
    const info = await getPropertyInfo();
    expect(info.phone).toBe("+1 239 555 0142");
    expect(info.address.line1).toBe("9 Palm Aire Ct");
  });

  it("adds staff, disables them (ending their sessions), and never leaves the property without an owner", async () => {
    const added = await post(addUser, "/api/admin/users", { email: "New.Staff@Example.test", role: "STAFF" });
    expect(added.status).toBe(201);
    const staff = await prisma.user.findUniqueOrThrow({ where: { email: "new.staff@example.test" } });
    await prisma.session.create({ data: { sessionToken: "staff-session-token", userId: staff.id, expires: new Date(Date.now() + 3_600_000) } });
    expect((await post(addUser, "/api/admin/users", { email: "new.staff@example.test", role: "STAFF" })).status).toBe(409);

    const disabled = await callRoute(updateUser, { method: "PATCH", path: `/api/admin/users/${staff.id}`, params: { id: staff.id }, body: { disabled: true }, headers: { cookie: owner.cookie, origin: TEST_ORIGIN } });
    expect(disabled.status).toBe(200);
    expect(await prisma.session.count({ where: { userId: staff.id } })).toBe(0);

    const selfDemote = await callRoute(updateUser, { method: "PATCH", path: `/api/admin/users/${owner.user.id}`, params: { id: owner.user.id }, body: { role: "STAFF" }, headers: { cookie: owner.cookie, origin: TEST_ORIGIN } });
    expect(selfDemote.status).toBe(409);
    expect(selfDemote.body.error.message).toBe("The property needs at least one owner who can sign in.");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: owner.user.id } })).role).toBe("OWNER");
  });
});
