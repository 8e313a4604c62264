import { beforeAll, describe, expect, it } from "vitest";
import { POST as createHold } from "@/app/api/v1/holds/route";
import { addDays } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { bearer, callRoute } from "../support/call-route";
import { seed } from "../support/factories";
import { TEST_SERVICE_API_KEY } from "../support/test-env";
import { NEXT_YEAR } from "../support/dates";

// Stays fall in the next calendar year (Y), always in the future on any day the suite runs.
const Y = NEXT_YEAR;

// A burst across every unit at once. Writers of one unit queue on its advisory lock, but SSI
// also reports conflicts between holds of different units (its page-level locks on the small
// GiST index of ACTIVE holds); the bounded retries must absorb that so no free stay is refused.

beforeAll(async () => {
  await seed();
});

describe("200 concurrent holds on distinct stays across all units", () => {
  it("all succeed, and SQL finds no overlapping ACTIVE holds", async () => {
    const units = await prisma.unit.findMany({ select: { slug: true } });
    expect(units.length).toBe(11);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const checkIn = addDays(`${Y}-01-01`, Math.floor(i / units.length) * 2);
        return callRoute(createHold, {
          path: "/api/v1/holds",
          body: { unitId: units[i % units.length]!.slug, checkIn, checkOut: addDays(checkIn, 1), guests: 2 },
          headers: bearer(TEST_SERVICE_API_KEY),
        });
      }),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s !== 201), JSON.stringify(results.find((r) => r.status !== 201)?.body)).toEqual([]);
    expect(await prisma.hold.count({ where: { status: "ACTIVE" } })).toBe(200);
    const [row] = await prisma.$queryRaw<Array<{ overlaps: number }>>`
      SELECT count(*)::int AS overlaps FROM "Hold" a JOIN "Hold" b
        ON a."unitId" = b."unitId" AND a.id < b.id
       AND daterange(a."checkIn", a."checkOut", '[)') && daterange(b."checkIn", b."checkOut", '[)')
       WHERE a.status = 'ACTIVE' AND b.status = 'ACTIVE'`;
    expect(row?.overlaps).toBe(0);
  }, 120_000);
});

// The unit gate queues a burst on one unit in memory (lib/server/db/unit-gate.ts): once the winner
// has committed, the writers queued behind it are refused from what the gate saw commit, without
// a transaction each, and none is turned away as busy.
describe("200 concurrent holds on the same nights of one unit", () => {
  it("exactly one succeeds and 199 get 409 UNAVAILABLE with the rule, none 5xx", async () => {
    const checkIn = `${Y}-06-10`;
    const checkOut = `${Y}-06-13`;
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        callRoute(createHold, {
          path: "/api/v1/holds",
          body: { unitId: "essex", checkIn, checkOut, guests: 2 },
          headers: bearer(TEST_SERVICE_API_KEY),
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    const refused = results.filter((r) => r.status === 409).map((r) => (r.body as { error: { code: string; details: { rule: string } } }).error);
    expect(new Set(refused.map((e) => `${e.code}/${e.details.rule}`))).toEqual(new Set(["UNAVAILABLE/UNAVAILABLE"]));
    const essex = await prisma.unit.findUniqueOrThrow({ where: { slug: "essex" }, select: { id: true } });
    expect(
      await prisma.hold.count({ where: { unitId: essex.id, status: "ACTIVE", checkIn: new Date(`${checkIn}T00:00:00Z`) } }),
    ).toBe(1);
  }, 120_000);
});
