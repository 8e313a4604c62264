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
