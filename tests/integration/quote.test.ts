import { beforeAll, describe, expect, it } from "vitest";
import { OPTIONS as quoteOptions, POST as quote } from "@/app/api/v1/quote/route";
import { prisma } from "@/lib/server/db/client";
import { computeQuote } from "@/lib/server/pricing";
import { callRoute } from "../support/call-route";
import { countStatements } from "../support/count-statements";
import { createRatePlan, createUnit, seed } from "../support/factories";
import { NEXT_COMMON_YEAR } from "../support/dates";

// Stays fall in the next year without a February 29 (Y): always in the future, and a stay of
// Jan 1 to Jan 1 is 365 nights, so every hand-worked price below holds by construction.
const Y = NEXT_COMMON_YEAR;

// Every expected figure is worked out by hand from prisma/data/rates.ts:
//   Essex: nightly 16500, weekly 99000 · TRAILER category: nightly 8900, weekly 53500
//   Summer 20% May 1-Oct 31 · Nov 10% · Apr 10% · Cleaning Fee 4000 per stay

let essexId: string;

const post = (body: unknown) => callRoute(quote, { path: "/api/v1/quote", body });

beforeAll(async () => {
  await seed();
  essexId = (await prisma.unit.findUniqueOrThrow({ where: { slug: "essex" } })).id;
});

function expectNoInternals(text: string) {
  expect(text).not.toMatch(/prisma/i);
  expect(text).not.toMatch(/SELECT|INSERT/);
  expect(text).not.toMatch(/\n\s+at |at .*\.ts:\d+/);
  expect(text).not.toMatch(/ratePlan|tier|nightly|weekly|monthly|fourMonth/i);
}

describe("POST /api/v1/quote", () => {
  it("prices 10 off-season nights at Essex as a week plus 3 nights, plus the cleaning fee", async () => {
    const res = await post({ unitId: "essex", checkIn: `${Y}-01-10`, checkOut: `${Y}-01-20` });
    expect(res.status).toBe(200);
    // 99000 + 3 x 16500 = 148500 (10 nights at 16500 would be 165000); + 4000 = 152500.
    expect(res.body).toEqual({
      nights: 10,
      baseCents: 148500,
      discountCents: 0,
      feesCents: 4000,
      // This database has no taxes (tests/support/factories.ts seed()); taxed quotes: quote-taxes.test.ts.
      taxCents: 0,
      totalCents: 152500,
      currency: "USD",
      unit: { id: essexId, slug: "essex", name: "Essex" },
      checkIn: `${Y}-01-10`,
      checkOut: `${Y}-01-20`,
      lineItems: [
        { label: "Weekly rate × 1 (7 nights)", amountCents: 99000, kind: "base" },
        { label: "Nightly rate × 3 (3 nights)", amountCents: 49500, kind: "base" },
        { label: "Cleaning Fee", amountCents: 4000, kind: "fee" },
      ],
      taxLines: [],
      // Worked out in tests/integration/cancellation-policy.test.ts.
      cancellationPolicy: expect.objectContaining({ name: "Standard" }),
    });
    // The concise fields the chatbot speaks come first.
    expect(Object.keys(res.body).slice(0, 7)).toEqual(["nights", "baseCents", "discountCents", "feesCents", "taxCents", "totalCents", "currency"]);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("gives the same quote for the unit's id", async () => {
    const res = await post({ unitId: essexId, checkIn: `${Y}-01-10`, checkOut: `${Y}-01-20` });
    expect(res.status).toBe(200);
    expect(res.body.totalCents).toBe(152500);
  });

  it("falls back to the TRAILER category plan for Trailer-01", async () => {
    const three = await post({ unitId: "trailer-01", checkIn: `${Y}-01-10`, checkOut: `${Y}-01-13` });
    expect(three.status).toBe(200);
    // 3 x 8900 = 26700; + 4000 = 30700.
    expect(three.body).toMatchObject({ nights: 3, baseCents: 26700, discountCents: 0, feesCents: 4000, totalCents: 30700 });
    const week = await post({ unitId: "trailer-01", checkIn: `${Y}-02-01`, checkOut: `${Y}-02-08` });
    // 7 nights: the week 53500 beats 7 x 8900 = 62300; + 4000 = 57500.
    expect(week.body).toMatchObject({ nights: 7, baseCents: 53500, totalCents: 57500 });
    expect(week.body.lineItems[0]).toEqual({ label: "Weekly rate × 1 (7 nights)", amountCents: 53500, kind: "base" });
  });

  it("discounts each night by its own season across Oct 31 / Nov 1", async () => {
    // Oct 30 and Oct 31 are Summer (20%), Nov 1 is Nov (10%); 3 nightly nights = 49500.
    // Summer 2 x 16500 x 20% = 6600; Nov 1 x 16500 x 10% = 1650; total 49500 - 8250 + 4000 = 45250.
    const res = await post({ unitId: "essex", checkIn: `${Y}-10-30`, checkOut: `${Y}-11-02` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ nights: 3, baseCents: 49500, discountCents: 8250, feesCents: 4000, totalCents: 45250 });
    expect(res.body.lineItems).toEqual([
      { label: "Nightly rate × 3 (3 nights)", amountCents: 49500, kind: "base" },
      { label: "Summer Discount (20% off 2 nights)", amountCents: -6600, kind: "discount" },
      { label: "Nov Discount (10% off 1 night)", amountCents: -1650, kind: "discount" },
      { label: "Cleaning Fee", amountCents: 4000, kind: "fee" },
    ]);
  });

  it("prorates a weekly block that straddles Oct 31 / Nov 1 per night", async () => {
    // Oct 28-31 (4 Summer nights) + Nov 1-3 (3 Nov nights) = one week, 99000.
    // Summer: 99000 x 4/7 x 20% = 11314.29 -> 11314; Nov: 99000 x 3/7 x 10% = 4242.86 -> 4243.
    // Total 99000 - 15557 + 4000 = 87443.
    const res = await post({ unitId: "essex", checkIn: `${Y}-10-28`, checkOut: `${Y}-11-04` });
    expect(res.body).toMatchObject({ nights: 7, baseCents: 99000, discountCents: 15557, feesCents: 4000, totalCents: 87443 });
    expect(res.body.lineItems).toEqual([
      { label: "Weekly rate × 1 (7 nights)", amountCents: 99000, kind: "base" },
      { label: "Summer Discount (20% off 4 nights)", amountCents: -11314, kind: "discount" },
      { label: "Nov Discount (10% off 3 nights)", amountCents: -4243, kind: "discount" },
      { label: "Cleaning Fee", amountCents: 4000, kind: "fee" },
    ]);
  });

  it("quotes past dates too: a quote books nothing", async () => {
    // 2020-01-10..01-12: 2 x 16500 = 33000 + 4000 = 37000.
    const res = await post({ unitId: "essex", checkIn: "2020-01-10", checkOut: "2020-01-12" });
    expect(res.status).toBe(200);
    expect(res.body.totalCents).toBe(37000);
  });

  it("accepts exactly 365 nights", async () => {
    const res = await post({ unitId: "essex", checkIn: `${Y}-01-01`, checkOut: `${Y + 1}-01-01` });
    expect(res.status).toBe(200);
    expect(res.body.nights).toBe(365);
  });

  describe("units that cannot be quoted", () => {
    it("404 for an unknown unit and for an inactive one", async () => {
      const retired = await createUnit({ slug: "unit-retired-q", active: false });
      await createRatePlan({ unitId: retired.id, nightly: 10000 });
      for (const unitId of ["atlantis", retired.slug]) {
        const res = await post({ unitId, checkIn: `${Y}-01-10`, checkOut: `${Y}-01-12` });
        expect(res.status).toBe(404);
        expect(res.body.error).toEqual({ code: "NOT_FOUND", message: "No unit with that id or slug is available.", requestId: expect.any(String) });
      }
    });

    it("422 UNPRICEABLE_STAY when neither the unit nor its category has a plan", async () => {
      // COTTAGE_1BR has no category plan in the seed.
      const bare = await createUnit({ slug: "unit-bare", type: "COTTAGE_1BR" });
      const res = await post({ unitId: bare.slug, checkIn: `${Y}-01-10`, checkOut: `${Y}-01-12` });
      expect(res.status).toBe(422);
      expect(res.body.error).toEqual({
        code: "UNPRICEABLE_STAY",
        message: "This stay cannot be priced online; please contact us.",
        requestId: expect.any(String),
      });
      expectNoInternals(res.text);
    });

    it("422 UNPRICEABLE_STAY when the plan's tiers cannot cover the nights", async () => {
      const weeklyOnly = await createUnit({ slug: "unit-weekly-only", type: "COTTAGE_1BR" });
      await createRatePlan({ unitId: weeklyOnly.id, weekly: 70000 });
      const res = await post({ unitId: "unit-weekly-only", checkIn: `${Y}-01-10`, checkOut: `${Y}-01-13` });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("UNPRICEABLE_STAY");
      expect(res.body.error.message).toBe("This unit is not offered for a stay of 3 nights; please try other dates or contact us.");
      expectNoInternals(res.text);
      // Two weeks fit: 2 x 70000 + 4000 = 144000.
      const ok = await post({ unitId: "unit-weekly-only", checkIn: `${Y}-01-10`, checkOut: `${Y}-01-24` });
      expect(ok.body.totalCents).toBe(144000);
    });
  });

  describe("bad input is a 400 and nothing else happens", () => {
    const valid = { unitId: "essex", checkIn: `${Y}-01-10`, checkOut: `${Y}-01-20` };
    const dateMessage = "Expected a real calendar date in the form YYYY-MM-DD.";
    const cases: Array<[string, unknown, string, string]> = [
      ["an impossible date", { ...valid, checkIn: "2026-02-30" }, "checkIn", dateMessage],
      ["a date without zero padding", { ...valid, checkOut: "2026-1-5" }, "checkOut", dateMessage],
      ["a date with a time", { ...valid, checkIn: `${Y}-01-10T00:00:00Z` }, "checkIn", dateMessage],
      ["checkOut equal to checkIn", { ...valid, checkOut: `${Y}-01-10` }, "checkOut", "checkOut must be after checkIn."],
      ["checkOut before checkIn", { ...valid, checkOut: `${Y}-01-09` }, "checkOut", "checkOut must be after checkIn."],
      // Y has 365 days: Y-01-01 + 366 = (Y + 1)-01-02.
      ["366 nights", { ...valid, checkIn: `${Y}-01-01`, checkOut: `${Y + 1}-01-02` }, "checkOut", "A stay can be at most 365 nights."],
      ["an unknown field", { ...valid, children: 2 }, "children", "Unknown field: children."],
      ["a number for a date", { ...valid, checkIn: 20270110 }, "checkIn", "Invalid input: expected string, received number"],
      ["a unit id with odd characters", { ...valid, unitId: "essex; drop" }, "unitId", "Expected a unit id or slug."],
    ];
    it.each(cases)("%s", async (_name, body, path, message) => {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        error: {
          code: "VALIDATION_FAILED",
          message: "The request is not valid; see issues.",
          issues: [{ path, message }],
          requestId: expect.any(String),
        },
      });
      expectNoInternals(res.text);
    });

    it("missing fields, each named", async () => {
      const res = await post({ unitId: "essex" });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["checkIn", "checkOut"]);
    });

    it.each([
      ["a body that is not JSON", "{not json", "The request body is not valid JSON."],
      ["an empty body", "", "The request body must be a JSON object."],
    ])("%s", async (_name, rawBody, message) => {
      const res = await callRoute(quote, { path: "/api/v1/quote", method: "POST", rawBody });
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ code: "INVALID_JSON", message, requestId: expect.any(String) });
      expectNoInternals(res.text);
    });

    it("a JSON array or string instead of an object", async () => {
      for (const body of [[valid], "essex"]) {
        const res = await post(body);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe("VALIDATION_FAILED");
      }
    });
  });

  it("answers a CORS preflight for POST from any origin", async () => {
    const res = await callRoute(quoteOptions, {
      method: "OPTIONS",
      path: "/api/v1/quote",
      headers: { origin: "https://elsewhere.example", "access-control-request-method": "POST" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toBe("POST, OPTIONS");
  });

  it("makes one query for 1 night as for 365", async () => {
    // Counted at the driver: what the database receives.
    const short = await countStatements(() => computeQuote({ unitId: "essex", checkIn: `${Y}-01-10`, checkOut: `${Y}-01-11` }));
    const long = await countStatements(() => computeQuote({ unitId: "trailer-02", checkIn: `${Y}-01-01`, checkOut: `${Y + 1}-01-01` }));
    expect(long.result.nights).toBe(365);
    expect(short.statements).toHaveLength(1);
    expect(long.statements).toHaveLength(1);
  });

  it("prices inside a caller's transaction (as checkout does)", async () => {
    const total = await prisma.$transaction(async (tx) => {
      const q = await computeQuote({ unitId: "essex", checkIn: `${Y}-01-10`, checkOut: `${Y}-01-20` }, tx);
      return q.totalCents;
    });
    expect(total).toBe(152500);
  });
});
