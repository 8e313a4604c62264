import { beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/internal/expire-holds/route";
import { prisma } from "@/lib/server/db/client";
import { bearer, callRoute } from "../support/call-route";
import { createHold, createUnit } from "../support/factories";
import { TEST_CRON_SECRET, TEST_SERVICE_API_KEY } from "../support/test-env";
import { NEXT_YEAR } from "../support/dates";

// Stays fall in the next calendar year (Y), always in the future on any day the suite runs.
const Y = NEXT_YEAR;

// The hold-expiry cron route, in a database of its own so the counts below are exact.

const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);

describe("/api/internal/expire-holds", () => {
  let unitId: string;
  beforeAll(async () => {
    unitId = (await createUnit()).id;
  });

  it("answers 401 for a missing or wrong secret, and for the service key", async () => {
    await createHold({ unitId, checkIn: `${Y}-01-01`, checkOut: `${Y}-01-02`, expiresAt: ago(60_000) });
    for (const headers of [{}, { "x-cron-secret": "wrong-secret-0123456789" }, bearer("wrong-secret-0123456789"), bearer(TEST_SERVICE_API_KEY)]) {
      const res = await callRoute(GET, { path: "/api/internal/expire-holds", headers });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHORIZED");
    }
    expect(await prisma.hold.count({ where: { status: "ACTIVE" } })).toBe(1);
    await prisma.hold.deleteMany({});
  });

  it("expires exactly the ACTIVE holds past expiresAt", async () => {
    const stale = await Promise.all([
      createHold({ unitId, checkIn: `${Y}-02-01`, checkOut: `${Y}-02-03`, expiresAt: ago(1_000) }),
      createHold({ unitId, checkIn: `${Y}-02-03`, checkOut: `${Y}-02-05`, expiresAt: ago(3_600_000) }),
      createHold({ unitId, checkIn: `${Y}-02-05`, checkOut: `${Y}-02-07`, expiresAt: ago(86_400_000) }),
    ]);
    const live = await createHold({ unitId, checkIn: `${Y}-02-07`, checkOut: `${Y}-02-09`, expiresAt: ahead(60_000) });
    const converted = await createHold({ unitId, checkIn: `${Y}-03-01`, checkOut: `${Y}-03-03`, expiresAt: ago(60_000), status: "CONVERTED" });
    const cancelled = await createHold({ unitId, checkIn: `${Y}-03-01`, checkOut: `${Y}-03-03`, expiresAt: ago(60_000), status: "CANCELLED" });

    const res = await callRoute(GET, { path: "/api/internal/expire-holds", headers: { "x-cron-secret": TEST_CRON_SECRET } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ expired: 3, intentsCancelled: 0 });

    const byId = new Map((await prisma.hold.findMany()).map((h) => [h.id, h.status]));
    for (const h of stale) expect(byId.get(h.id)).toBe("EXPIRED");
    expect(byId.get(live.id)).toBe("ACTIVE");
    expect(byId.get(converted.id)).toBe("CONVERTED");
    expect(byId.get(cancelled.id)).toBe("CANCELLED");

    // Vercel Cron's form (Authorization: Bearer) works too; nothing is left to expire.
    const again = await callRoute(POST, { path: "/api/internal/expire-holds", method: "POST", headers: bearer(TEST_CRON_SECRET) });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ expired: 0, intentsCancelled: 0 });
  });
});
