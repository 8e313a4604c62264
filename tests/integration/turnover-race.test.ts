import { beforeAll, describe, expect, it } from "vitest";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { addDays, todayIn } from "@/lib/dates";
import { env } from "@/lib/env";
import { prisma } from "@/lib/server/db/client";
import { bearer, callRoute } from "../support/call-route";
import { createRatePlan, createUnit } from "../support/factories";
import { TEST_SERVICE_API_KEY } from "../support/test-env";

// A unit with one turnover day: 50 back-to-back 2-night stays requested at once. Each stay's
// turnover day is its successor's check-in day, so every two neighbours exclude each other.

let unitId: string;

beforeAll(async () => {
  unitId = (await createUnit({ slug: "turnover-race", turnoverDays: 1 })).id;
  await createRatePlan({ unitId, nightly: 10000 });
});

describe("turnover day under a 50-way race of back-to-back stays", () => {
  it("never holds two neighbours, refuses only for a held neighbour, and the database agrees", async () => {
    const start = addDays(todayIn(env.PROPERTY_TIMEZONE), 20);
    const stays = Array.from({ length: 50 }, (_, k) => ({ checkIn: addDays(start, 2 * k), checkOut: addDays(start, 2 * k + 2) }));
    const results = await Promise.all(
      stays.map((stay) =>
        callRoute(postHold, { path: "/api/v1/holds", body: { unitId, ...stay, guests: 2 }, headers: bearer(TEST_SERVICE_API_KEY) }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s !== 201 && s !== 409), JSON.stringify(results.find((r) => r.status >= 500)?.body)).toEqual([]);
    for (const r of results.filter((r) => r.status === 409)) expect(r.body.error.details.rule).toBe("UNAVAILABLE");

    const held = statuses.map((s) => s === 201);
    for (let k = 0; k < 50; k++) {
      // No two neighbours held (the turnover day between them would be a check-in day).
      if (k > 0) expect(held[k] && held[k - 1], `stays ${k - 1} and ${k}`).toBe(false);
      // A refused stay lost to a neighbour that holds its nights or its turnover day.
      if (!held[k]) expect(Boolean(held[k - 1]) || Boolean(held[k + 1]), `stay ${k} refused with no held neighbour`).toBe(true);
    }

    const [row] = await prisma.$queryRaw<Array<{ holds: number; clashes: number }>>`
      SELECT (SELECT count(*)::int FROM "Hold" WHERE "unitId" = ${unitId} AND status = 'ACTIVE') AS holds,
             (SELECT count(*)::int FROM "Hold" a JOIN "Hold" b ON a."unitId" = b."unitId" AND a.id < b.id
               WHERE a."unitId" = ${unitId} AND a.status = 'ACTIVE' AND b.status = 'ACTIVE'
                 AND a."checkIn" < b."checkOut" + b."turnoverDays" AND b."checkIn" < a."checkOut" + a."turnoverDays") AS clashes`;
    expect(row).toEqual({ holds: held.filter(Boolean).length, clashes: 0 });
    expect(await prisma.hold.count({ where: { unitId, turnoverDays: { not: 1 } } })).toBe(0);
  }, 120_000);
});
