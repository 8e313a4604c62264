import { beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/internal/jobs/route";
import { GET as expireHoldsGET } from "@/app/api/internal/expire-holds/route";
import { addDays, todayIn } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { jobs } from "@/lib/server/jobs/run-due-jobs";
import { bearer, callRoute } from "../support/call-route";
import { createHold, createUnit } from "../support/factories";
import { TEST_CRON_SECRET, TEST_SERVICE_API_KEY } from "../support/test-env";

// The one scheduler route. Any scheduler may call it at any frequency, and two runs may overlap
// (Vercel Cron retrying while a slow run is still going, the in-process timer of each container):
// no job may do its work twice.

const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);
const start = addDays(todayIn("America/New_York"), 30);

describe("/api/internal/jobs", () => {
  let unitId: string;
  beforeAll(async () => {
    unitId = (await createUnit()).id;
  });

  it("answers 401 without the cron secret, and with the service key, and runs nothing", async () => {
    const stale = await createHold({ unitId, checkIn: start, checkOut: addDays(start, 1), expiresAt: ago(60_000) });
    for (const headers of [{}, bearer("wrong-secret-0123456789"), bearer(TEST_SERVICE_API_KEY)]) {
      const res = await callRoute(GET, { path: "/api/internal/jobs", headers });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHORIZED");
    }
    expect((await prisma.hold.findUniqueOrThrow({ where: { id: stale.id } })).status).toBe("ACTIVE");
    await prisma.hold.deleteMany({});
  });

  it("runs every job in the list and reports each by name (GET with Bearer, POST with X-Cron-Secret)", async () => {
    const get = await callRoute(GET, { path: "/api/internal/jobs", headers: bearer(TEST_CRON_SECRET) });
    expect(get.status).toBe(200);
    expect(Object.keys(get.body.jobs).sort()).toEqual(jobs.map((j) => j.name).sort());
    expect(get.body.jobs["expire-holds"]).toEqual({ expired: 0, intentsCancelled: 0 });

    const post = await callRoute(POST, { path: "/api/internal/jobs", method: "POST", headers: { "x-cron-secret": TEST_CRON_SECRET } });
    expect(post.status).toBe(200);
    expect(post.body.jobs["expire-holds"]).toEqual({ expired: 0, intentsCancelled: 0 });
  });

  it("two concurrent runs expire each stale hold exactly once between them", async () => {
    // 20 stale holds on consecutive two-night stays, and one live hold that must stay ACTIVE.
    const stale = [];
    for (let i = 0; i < 20; i++) {
      stale.push(await createHold({ unitId, checkIn: addDays(start, 2 * i), checkOut: addDays(start, 2 * i + 2), expiresAt: ago(1_000 + i) }));
    }
    const live = await createHold({ unitId, checkIn: addDays(start, 60), checkOut: addDays(start, 62), expiresAt: ahead(600_000) });

    const [a, b] = await Promise.all([
      callRoute(GET, { path: "/api/internal/jobs", headers: bearer(TEST_CRON_SECRET) }),
      callRoute(POST, { path: "/api/internal/jobs", method: "POST", headers: bearer(TEST_CRON_SECRET) }),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    // Each hold's ACTIVE → EXPIRED change is counted by exactly one of the two runs: 20 in total.
    expect(a.body.jobs["expire-holds"].expired + b.body.jobs["expire-holds"].expired).toBe(20);

    const rows = await prisma.hold.findMany({ select: { id: true, status: true } });
    const byId = new Map(rows.map((h) => [h.id, h.status]));
    for (const h of stale) expect(byId.get(h.id)).toBe("EXPIRED");
    expect(byId.get(live.id)).toBe("ACTIVE");

    const again = await callRoute(GET, { path: "/api/internal/jobs", headers: bearer(TEST_CRON_SECRET) });
    expect(again.body.jobs["expire-holds"]).toEqual({ expired: 0, intentsCancelled: 0 });
    await prisma.hold.deleteMany({});
  });

  it("keeps /api/internal/expire-holds as the hold-expiry job alone, answering its count", async () => {
    await createHold({ unitId, checkIn: start, checkOut: addDays(start, 2), expiresAt: ago(5_000) });
    await createHold({ unitId, checkIn: addDays(start, 2), checkOut: addDays(start, 4), expiresAt: ago(5_000) });
    const res = await callRoute(expireHoldsGET, { path: "/api/internal/expire-holds", headers: bearer(TEST_CRON_SECRET) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ expired: 2, intentsCancelled: 0 });
  });

  it("answers 500 naming the failed job when a job fails, so the scheduler's log shows it", async () => {
    // A real failure: the job's table is briefly unreachable in this file's own database.
    await prisma.$executeRawUnsafe(`ALTER TABLE "Hold" RENAME TO "Hold_unavailable"`);
    try {
      const res = await callRoute(GET, { path: "/api/internal/jobs", headers: bearer(TEST_CRON_SECRET) });
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe("INTERNAL");
      expect(res.body.error.details.failedJobs).toContain("expire-holds");
      expect(res.text).not.toMatch(/Hold_unavailable|relation|does not exist/);
    } finally {
      await prisma.$executeRawUnsafe(`ALTER TABLE "Hold_unavailable" RENAME TO "Hold"`);
    }
    const after = await callRoute(GET, { path: "/api/internal/jobs", headers: bearer(TEST_CRON_SECRET) });
    expect(after.status).toBe(200);
  });
});
