import { beforeAll, describe, expect, it } from "vitest";
import { GET as listUnits, OPTIONS as unitsOptions } from "@/app/api/v1/units/route";
import { GET as getUnit } from "@/app/api/v1/units/[id]/route";
import { prisma } from "@/lib/server/db/client";
import { getUnit as getUnitService } from "@/lib/server/units/get-unit";
import { listUnits as listUnitsService } from "@/lib/server/units/list-units";
import { callRoute } from "../support/call-route";
import { countStatements } from "../support/count-statements";
import { createRatePlan, createUnit, seed } from "../support/factories";

// Expected figures come from prisma/data/rates.ts, read by hand.

let essexId: string;

beforeAll(async () => {
  await seed();
  essexId = (await prisma.unit.findUniqueOrThrow({ where: { slug: "essex" } })).id;
});

function expectNoInternals(text: string) {
  expect(text).not.toMatch(/prisma/i);
  expect(text).not.toMatch(/SELECT|INSERT|"Unit"/);
  expect(text).not.toMatch(/\n\s+at /);
  expect(text).not.toMatch(/createdAt|updatedAt/);
}

describe("GET /api/v1/units", () => {
  it("lists the 11 seeded active units, cottages first, with a photo and a from price", async () => {
    const res = await callRoute(listUnits, { path: "/api/v1/units" });
    expect(res.status).toBe(200);
    const seeded = res.body.units.filter((u: { slug: string }) => !u.slug.startsWith("unit-"));
    expect(seeded.map((u: { slug: string }) => u.slug)).toEqual([
      "9608-1br",
      "view",
      "9606-2br",
      "9618-2br",
      "essex",
      "trailer-01",
      "trailer-02",
      "trailer-03",
      "rv-01",
      "rv-02",
      "rv-03",
    ]);
    expect(seeded.find((u: { slug: string }) => u.slug === "essex")).toEqual({
      id: essexId,
      slug: "essex",
      name: "Essex",
      type: "COTTAGE_2BR",
      capacity: 5,
      beds: 2,
      baths: 1,
      photo: "/images/units/cottage.svg",
      fromNightlyCents: 16500,
      currency: "USD",
    });
    // Trailers and RV sites have no plan of their own: the category plan's nightly rate.
    expect(seeded.find((u: { slug: string }) => u.slug === "trailer-02")).toMatchObject({ fromNightlyCents: 8900, beds: 1 });
    expect(seeded.find((u: { slug: string }) => u.slug === "rv-01")).toMatchObject({
      fromNightlyCents: 5500,
      beds: null,
      baths: null,
      photo: "/images/units/rv-site.svg",
    });
    expectNoInternals(res.text);
    expect(res.headers.get("access-control-allow-origin")).toBeNull(); // no Origin sent
  });

  it("leaves out inactive units and prices tier-only plans by their cheapest night", async () => {
    const hidden = await createUnit({ slug: "unit-hidden", active: false });
    // weekly 70001 / 7 = 10000.14 -> 10001; monthly 290000 / 30 = 9666.67 -> 9667: the lower wins.
    const tiers = await createUnit({ slug: "unit-tiers", type: "COTTAGE_1BR" });
    await createRatePlan({ unitId: tiers.id, weekly: 70001, monthly: 290000 });
    // COTTAGE_1BR has no category plan, so a cottage without its own plan has no price.
    const unpriced = await createUnit({ slug: "unit-noplan", type: "COTTAGE_1BR", photos: [] });

    const res = await callRoute(listUnits, { path: "/api/v1/units" });
    const bySlug = new Map(res.body.units.map((u: { slug: string }) => [u.slug, u]));
    expect(bySlug.has(hidden.slug)).toBe(false);
    expect(bySlug.get("unit-tiers")).toMatchObject({ fromNightlyCents: 9667, currency: "USD" });
    expect(bySlug.get("unit-noplan")).toMatchObject({ id: unpriced.id, fromNightlyCents: null, currency: null, photo: null });
    expect(res.body.units).toHaveLength(13);
  });

  it("rejects an unknown query parameter with 400 VALIDATION_FAILED", async () => {
    const res = await callRoute(listUnits, { path: "/api/v1/units", query: { type: "TRAILER" } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "VALIDATION_FAILED",
      issues: [{ path: "type", message: "Unknown field: type." }],
    });
  });

  it("answers a CORS preflight for GET from any origin", async () => {
    const res = await callRoute(unitsOptions, {
      method: "OPTIONS",
      path: "/api/v1/units",
      headers: { origin: "https://elsewhere.example", "access-control-request-method": "GET" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, OPTIONS");
  });
});

describe("GET /api/v1/units/[id]", () => {
  const essexDetail = () => ({
    id: essexId,
    slug: "essex",
    name: "Essex",
    type: "COTTAGE_2BR",
    capacity: 5,
    beds: 2,
    baths: 1,
    description: "A bright two-bedroom cottage with a screened porch, steps from the pool.",
    amenities: ["Wi-Fi", "Air conditioning", "Full kitchen", "Linens and towels", "Smart TV", "Free parking", "Washer and dryer"],
    features: ["Screened porch", "Near the pool", "Pet friendly"],
    photos: ["/images/units/cottage.svg"],
    active: true,
    petFriendly: true,
    rates: { nightly: 16500, weekly: 99000, monthly: 320000, fourMonth: 1140000, currency: "USD" },
    fromNightlyCents: 16500,
  });

  it("returns a unit by slug, with its own published rates and nothing internal", async () => {
    const res = await callRoute(getUnit, { path: "/api/v1/units/essex", params: { id: "essex" } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(essexDetail());
    expectNoInternals(res.text);
  });

  it("returns the same unit by id, and accepts the slug in another case", async () => {
    const byId = await callRoute(getUnit, { path: `/api/v1/units/${essexId}`, params: { id: essexId } });
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(essexDetail());
    const upper = await callRoute(getUnit, { path: "/api/v1/units/Essex", params: { id: "Essex" } });
    expect(upper.body.id).toBe(essexId);
  });

  it("shows a trailer the TRAILER category rates", async () => {
    const res = await callRoute(getUnit, { path: "/api/v1/units/trailer-01", params: { id: "trailer-01" } });
    expect(res.status).toBe(200);
    expect(res.body.rates).toEqual({ nightly: 8900, weekly: 53500, monthly: 165000, fourMonth: 580000, currency: "USD" });
    expect(res.body.fromNightlyCents).toBe(8900);
  });

  it("answers 404 NOT_FOUND for an unknown unit and for an inactive one", async () => {
    const retired = await createUnit({ slug: "unit-retired", active: false });
    for (const id of ["no-such-unit", retired.slug, retired.id]) {
      const res = await callRoute(getUnit, { path: `/api/v1/units/${id}`, params: { id } });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
      expect(res.body.error.message).toBe("No unit with that id or slug is available.");
    }
  });

  it("answers 400 for an id with characters no id or slug has, and for an unknown query parameter", async () => {
    const bad = await callRoute(getUnit, { path: "/api/v1/units/x", params: { id: "essex'; DROP" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect(bad.body.error.issues[0].path).toBe("id");

    const extra = await callRoute(getUnit, { path: "/api/v1/units/essex", params: { id: "essex" }, query: { fields: "all" } });
    expect(extra.status).toBe(400);
    expect(extra.body.error.issues).toEqual([{ path: "fields", message: "Unknown field: fields." }]);
  });
});

describe("query count", () => {
  // Counted at the driver (every statement the database receives): one whatever the number of
  // units, whether the in-process catalog is cold (after the inserts bumped its version) or warm.
  it("lists any number of units in one statement, and reads one unit in one", async () => {
    const before = await countStatements(() => listUnitsService());
    for (let i = 0; i < 10; i++) await createUnit({ type: "TRAILER" });
    const after = await countStatements(() => listUnitsService());
    expect(after.result.length).toBe(before.result.length + 10);
    expect(before.statements).toHaveLength(1);
    expect(after.statements).toHaveLength(1);

    const one = await countStatements(() => getUnitService({ unitRef: "essex" }));
    expect(one.result.slug).toBe("essex");
    expect(one.statements).toHaveLength(1);
  });
});
