import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/v1/health/route";
import { addDays, fromDbDate, todayIn } from "@/lib/dates";
import { checkAvailability } from "@/lib/server/availability/check-availability";
import { listOpenConflicts, listStaleFeeds } from "@/lib/server/channels/channel-health";
import { addFeed, listFeeds, removeFeed, setFeedEnabled } from "@/lib/server/channels/manage-feeds";
import { prisma } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { createHold } from "@/lib/server/holds/create-hold";
import { alertStaleFeeds, syncChannelFeeds } from "@/lib/server/jobs/sync-channel-feeds";
import { runDueJobs } from "@/lib/server/jobs/run-due-jobs";
import { onLogLine } from "@/lib/server/logger";
import { callRoute } from "../support/call-route";
import { createBooking, createRatePlan, createUnit } from "../support/factories";
import { airbnbFeed, bookingComFeed, genericFeed, vrboFeed } from "../support/feed-fixtures";
import { startFeedServer, type FeedServer } from "../support/feed-server";

// Import feeds end to end: a real HTTP server plays Airbnb, VRBO and Booking.com, the job
// fetches and writes blocks in the real database, and availability, holds, conflicts, alerts and
// health are read back. Stay dates are computed from today.

const today = todayIn("America/New_York");
const d = (n: number) => addDays(today, n);
let server: FeedServer;

let lines: string[] = [];
const stopLog = onLogLine((line) => lines.push(line));
const alerts = (kind: "channel conflict" | "channel feed stale") => lines.filter((l) => l.includes(`"msg":"${kind}: owner alert"`));
afterEach(() => {
  lines = [];
});

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  stopLog();
  await server.close();
});

async function unitWithPlan() {
  const unit = await createUnit();
  await createRatePlan({ unitId: unit.id, nightly: 10_000 });
  return unit;
}

async function feedFor(unitId: string, channel: string, path: string) {
  return addFeed({ unit: unitId, channel, url: `${server.url}${path}` });
}

const sync = (feedIds: string[], now = new Date()) => syncChannelFeeds({ now, feedIds });

async function blocksOf(feedId: string) {
  const rows = await prisma.block.findMany({ where: { feedId }, orderBy: [{ startDate: "asc" }, { externalUid: "asc" }] });
  return rows.map((b) => ({ id: b.id, uid: b.externalUid, start: fromDbDate(b.startDate), end: fromDbDate(b.endDate), updatedAt: b.updatedAt.getTime() }));
}

describe("importing Airbnb, VRBO and Booking.com feeds", () => {
  it("turns each feed's events into blocks that make the nights unavailable, holds included", async () => {
    const unit = await unitWithPlan();
    server.set("/airbnb/1.ics", { kind: "calendar", body: airbnbFeed([{ uid: "r1", start: d(10), end: d(13) }, { uid: "n1", start: d(20), end: d(21), blocked: true }]) });
    server.set("/vrbo/1.ics", { kind: "calendar", body: vrboFeed([{ uid: "v1", start: d(30), end: d(37) }]) });
    server.set("/booking/1.ics", { kind: "calendar", body: bookingComFeed([{ uid: "b1", start: d(40), end: d(42) }]) });
    const airbnb = await feedFor(unit.id, "airbnb", "/airbnb/1.ics");
    const vrbo = await feedFor(unit.id, "vrbo", "/vrbo/1.ics");
    const booking = await feedFor(unit.id, "booking", "/booking/1.ics");

    const report = await sync([airbnb.id, vrbo.id, booking.id]);
    expect(report).toMatchObject({ feeds: 3, changed: 3, failed: 0, newConflicts: 0 });

    expect((await blocksOf(airbnb.id)).map((b) => [b.uid, b.start, b.end])).toEqual([
      ["r1@airbnb.com", d(10), d(13)],
      ["n1@airbnb.com", d(20), d(21)],
    ]);
    expect((await blocksOf(vrbo.id)).map((b) => [b.uid, b.start, b.end])).toEqual([["v1@vrbo.com", d(30), d(37)]]);
    expect((await blocksOf(booking.id)).map((b) => [b.uid, b.start, b.end])).toEqual([["b1@booking.com", d(40), d(42)]]);

    const availability = await checkAvailability({ unitRef: unit.id, start: d(9), end: d(45) });
    expect(availability.isAvailable).toBe(false);
    expect(availability.unavailable).toEqual([
      { start: d(10), end: d(13), kind: "block" },
      { start: d(20), end: d(21), kind: "block" },
      { start: d(30), end: d(37), kind: "block" },
      { start: d(40), end: d(42), kind: "block" },
    ]);
    // The night before and the check-out day stay free.
    expect((await checkAvailability({ unitRef: unit.id, start: d(13), end: d(20) })).isAvailable).toBe(true);
    await expect(createHold({ unitId: unit.id, checkIn: d(12), checkOut: d(14), guests: 1 })).rejects.toMatchObject({ code: "UNAVAILABLE" });
    await expect(createHold({ unitId: unit.id, checkIn: d(41), checkOut: d(43), guests: 1 })).rejects.toMatchObject({ code: "UNAVAILABLE" });

    const statuses = await listFeeds({ unit: unit.id, now: new Date() });
    expect(statuses.map((f) => [f.channel, f.eventCount, f.blocks, f.lastError, f.stale])).toEqual([
      ["airbnb", 2, 2, null, false],
      ["booking", 1, 1, null, false],
      ["vrbo", 1, 1, null, false],
    ]);
  });

  it("writes nothing when a feed has not changed, whether the server answers 304 or the same body", async () => {
    const unit = await unitWithPlan();
    const body = airbnbFeed([{ uid: "s1", start: d(10), end: d(12) }]);
    server.set("/same/etag.ics", { kind: "calendar", body, etag: '"abc"' });
    server.set("/same/plain.ics", { kind: "calendar", body });
    const withEtag = await feedFor(unit.id, "airbnb", "/same/etag.ics");
    const plain = await feedFor(unit.id, "vrbo", "/same/plain.ics");
    const first = new Date();
    await sync([withEtag.id, plain.id], first);
    const before = [await blocksOf(withEtag.id), await blocksOf(plain.id)];
    const feedsBefore = await prisma.channelFeed.findMany({ where: { unitId: unit.id }, orderBy: { id: "asc" } });

    const report = await sync([withEtag.id, plain.id], new Date(first.getTime() + 60_000));
    expect(report).toMatchObject({ feeds: 2, changed: 0, unchanged: 2, failed: 0 });
    expect(server.requests("/same/etag.ics").at(-1)?.ifNoneMatch).toBe('"abc"');
    expect([await blocksOf(withEtag.id), await blocksOf(plain.id)]).toEqual(before); // same ids, same updatedAt
    const feedsAfter = await prisma.channelFeed.findMany({ where: { unitId: unit.id }, orderBy: { id: "asc" } });
    expect(feedsAfter.map((f) => f.lastChangeAt?.getTime())).toEqual(feedsBefore.map((f) => f.lastChangeAt?.getTime()));
    expect(feedsAfter.map((f) => f.lastSuccessAt!.getTime() - first.getTime())).toEqual([60_000, 60_000]);
  });

  it("moves a changed event's block, and removes cancelled and vanished events", async () => {
    const unit = await unitWithPlan();
    server.set("/change.ics", {
      kind: "calendar",
      body: genericFeed([
        { uid: "moved", start: d(10), end: d(12) },
        { uid: "cancelled", start: d(20), end: d(22) },
        { uid: "removed", start: d(30), end: d(32) },
        { uid: "kept", start: d(40), end: d(42) },
      ]),
    });
    const feed = await feedFor(unit.id, "other", "/change.ics");
    await sync([feed.id]);
    const before = await blocksOf(feed.id);
    expect(before.map((b) => b.uid)).toEqual(["moved", "cancelled", "removed", "kept"]);

    server.set("/change.ics", {
      kind: "calendar",
      body: genericFeed([
        { uid: "moved", start: d(11), end: d(14) },
        { uid: "cancelled", start: d(20), end: d(22), lines: ["STATUS:CANCELLED"] },
        { uid: "kept", start: d(40), end: d(42) },
      ]),
    });
    const report = await sync([feed.id]);
    expect(report).toMatchObject({ changed: 1 });
    const after = await blocksOf(feed.id);
    expect(after.map((b) => [b.uid, b.start, b.end])).toEqual([
      ["moved", d(11), d(14)],
      ["kept", d(40), d(42)],
    ]);
    // The moved event keeps its block (same row), the untouched one is not rewritten.
    expect(after[0]!.id).toBe(before[0]!.id);
    expect(after[1]).toEqual(before[3]);
    expect((await checkAvailability({ unitRef: unit.id, start: d(10), end: d(11) })).isAvailable).toBe(true);
    expect((await checkAvailability({ unitRef: unit.id, start: d(30), end: d(32) })).isAvailable).toBe(true);
    expect((await checkAvailability({ unitRef: unit.id, start: d(13), end: d(14) })).isAvailable).toBe(false);
  });

  it("keeps the last good blocks when the feed fails, times out, sends garbage, HTML or too much", async () => {
    const unit = await unitWithPlan();
    server.set("/flaky.ics", { kind: "calendar", body: airbnbFeed([{ uid: "k1", start: d(10), end: d(15) }]) });
    const feed = await feedFor(unit.id, "airbnb", "/flaky.ics");
    const good = new Date();
    await sync([feed.id], good);
    const before = await blocksOf(feed.id);
    expect(before).toHaveLength(1);

    const failures: Array<[Parameters<FeedServer["set"]>[1], string]> = [
      [{ kind: "status", status: 500 }, "http 500"],
      [{ kind: "status", status: 503, body: "<html>maintenance</html>" }, "http 503"],
      [{ kind: "hang" }, "timeout"],
      [{ kind: "calendar", body: "<!DOCTYPE html><html><body>Sign in</body></html>", contentType: "text/html" }, "not a calendar"],
      [{ kind: "calendar", body: "\u0000\u0007garbage garbage" }, "not a calendar"],
      [{ kind: "oversized", bytes: 3 * 1024 * 1024 }, "response too large"],
    ];
    for (const [response, reason] of failures) {
      server.set("/flaky.ics", response);
      const report = await syncChannelFeeds({ now: new Date(), feedIds: [feed.id], fetch: { timeoutMs: 300, maxBytes: 1024 * 1024 } });
      expect(report, reason).toMatchObject({ failed: 1, changed: 0 });
      expect(await blocksOf(feed.id), reason).toEqual(before);
      const row = await prisma.channelFeed.findUniqueOrThrow({ where: { id: feed.id } });
      expect(row.lastError).toBe(reason);
      expect(row.lastSuccessAt!.getTime()).toBe(good.getTime());
    }
    expect((await checkAvailability({ unitRef: unit.id, start: d(10), end: d(11) })).isAvailable).toBe(false);

    // A valid empty calendar is the channel saying "nothing": the blocks go.
    server.set("/flaky.ics", { kind: "calendar", body: airbnbFeed([]) });
    await sync([feed.id]);
    expect(await blocksOf(feed.id)).toEqual([]);
    expect((await prisma.channelFeed.findUniqueOrThrow({ where: { id: feed.id } })).lastError).toBeNull();
  });

  it("removing a feed removes its blocks", async () => {
    const unit = await unitWithPlan();
    server.set("/remove.ics", { kind: "calendar", body: vrboFeed([{ uid: "x", start: d(10), end: d(12) }]) });
    const feed = await feedFor(unit.id, "vrbo", "/remove.ics");
    await sync([feed.id]);
    expect(await blocksOf(feed.id)).toHaveLength(1);
    await removeFeed(feed.id, { now: new Date() });
    expect(await prisma.block.count({ where: { unitId: unit.id } })).toBe(0);
    expect((await checkAvailability({ unitRef: unit.id, start: d(10), end: d(12) })).isAvailable).toBe(true);
  });

  it("refuses a bad channel name or URL, and the same URL twice for one unit", async () => {
    const unit = await unitWithPlan();
    await expect(addFeed({ unit: unit.id, channel: "Air BnB!", url: `${server.url}/x.ics` })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(addFeed({ unit: unit.id, channel: "airbnb", url: "javascript:alert(1)" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await addFeed({ unit: unit.id, channel: "airbnb", url: `${server.url}/dup.ics` });
    await expect(addFeed({ unit: unit.id, channel: "airbnb", url: `${server.url}/dup.ics` })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(addFeed({ unit: "no-such-unit", channel: "airbnb", url: `${server.url}/y.ics` })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("job runs", () => {
  it("two runs at once fetch each due feed once, and a feed is not due again before the interval", async () => {
    const unit = await unitWithPlan();
    const paths = ["/due/1.ics", "/due/2.ics", "/due/3.ics"];
    const feeds = [];
    for (const [i, path] of paths.entries()) {
      server.set(path, { kind: "calendar", body: bookingComFeed([{ uid: `due${i}`, start: d(10 + i * 3), end: d(12 + i * 3) }]) });
      feeds.push(await feedFor(unit.id, `ch${i}`, path));
    }
    // Other files' feeds may be due as well; only these paths are counted.
    const now = new Date();
    await Promise.all([syncChannelFeeds({ now }), syncChannelFeeds({ now }), runDueJobs({ now, only: ["sync-channel-feeds"] })]);
    for (const path of paths) expect(server.requests(path), path).toHaveLength(1);
    expect(await prisma.block.count({ where: { unitId: unit.id } })).toBe(3);

    await syncChannelFeeds({ now: new Date(now.getTime() + 14 * 60_000) });
    for (const path of paths) expect(server.requests(path), path).toHaveLength(1);
    await syncChannelFeeds({ now: new Date(now.getTime() + 15 * 60_000) });
    for (const path of paths) expect(server.requests(path), path).toHaveLength(2);
  });
});

describe("paused feeds", () => {
  it("are not fetched by the job, keep their blocks, and are never stale", async () => {
    const unit = await unitWithPlan();
    server.set("/paused.ics", { kind: "calendar", body: vrboFeed([{ uid: "p", start: d(10), end: d(12) }]) });
    const feed = await feedFor(unit.id, "vrbo", "/paused.ics");
    const t0 = new Date();
    await sync([feed.id], t0);
    await setFeedEnabled(feed.id, false);
    const later = new Date(t0.getTime() + 24 * 3_600_000);
    await syncChannelFeeds({ now: later });
    expect(server.requests("/paused.ics")).toHaveLength(1);
    expect(await blocksOf(feed.id)).toHaveLength(1);
    expect((await listStaleFeeds({ now: later })).map((f) => f.feedId)).not.toContain(feed.id);
    expect((await listFeeds({ unit: unit.id, now: later }))[0]).toMatchObject({ enabled: false, stale: false, blocks: 1 });

    await setFeedEnabled(feed.id, true);
    await syncChannelFeeds({ now: later });
    expect(server.requests("/paused.ics")).toHaveLength(2);
    await expect(setFeedEnabled("no-such-feed", true)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("conflicts with our stays", () => {
  it("records an imported block over a confirmed booking once and alerts once, however many syncs see it", async () => {
    const unit = await unitWithPlan();
    const booking = await createBooking({ unitId: unit.id, checkIn: d(50), checkOut: d(55) });
    server.set("/conflict.ics", { kind: "calendar", body: airbnbFeed([{ uid: "c1", start: d(53), end: d(57) }]) });
    const feed = await feedFor(unit.id, "airbnb", "/conflict.ics");

    const first = await sync([feed.id]);
    expect(first.newConflicts).toBe(1);
    // The block is never refused: the other channel already sold those nights.
    expect((await blocksOf(feed.id)).map((b) => [b.start, b.end])).toEqual([[d(53), d(57)]]);

    // Unchanged, then changed elsewhere in the feed, then unchanged again.
    await sync([feed.id]);
    server.set("/conflict.ics", { kind: "calendar", body: airbnbFeed([{ uid: "c1", start: d(53), end: d(57) }, { uid: "c2", start: d(80), end: d(82) }]) });
    expect((await sync([feed.id])).newConflicts).toBe(0);
    await sync([feed.id]);

    const rows = await prisma.channelConflict.findMany({ where: { unitId: unit.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ stayKind: "booking", stayId: booking.id, channel: "airbnb", resolvedAt: null });
    expect(fromDbDate(rows[0]!.blockStart)).toBe(d(53));
    const conflictAlerts = alerts("channel conflict");
    expect(conflictAlerts).toHaveLength(1);
    expect(conflictAlerts[0]).toContain(booking.id);
    expect(conflictAlerts[0]).not.toContain(server.url);

    const open = (await listOpenConflicts({ now: new Date() })).filter((c) => c.unitId === unit.id);
    expect(open).toEqual([
      expect.objectContaining({ channel: "airbnb", blockStart: d(53), blockEnd: d(57), stayKind: "booking", stayId: booking.id, stayStart: d(50), stayEnd: d(55) }),
    ]);
    const res = await callRoute(health, { path: "/api/v1/health" });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("degraded");
    expect(res.body.channels.openConflicts).toBeGreaterThanOrEqual(1);

    // The other channel cancels: the conflict is resolved and leaves the open list.
    server.set("/conflict.ics", { kind: "calendar", body: airbnbFeed([{ uid: "c2", start: d(80), end: d(82) }]) });
    await sync([feed.id]);
    expect((await prisma.channelConflict.findFirstOrThrow({ where: { unitId: unit.id } })).resolvedAt).not.toBeNull();
    expect((await listOpenConflicts({ now: new Date() })).filter((c) => c.unitId === unit.id)).toEqual([]);
    expect(alerts("channel conflict")).toHaveLength(1);
  });

  it("a hold racing a sync that blocks the same nights: the hold is refused, or the conflict is recorded", async () => {
    const unit = await unitWithPlan();
    const feed = await feedFor(unit.id, "vrbo", "/race.ics");
    const events: Array<{ uid: string; start: string; end: string }> = [];
    const outcomes = { refused: 0, heldAndReported: 0 };
    for (let i = 0; i < 8; i++) {
      const nights = { checkIn: d(100 + i * 4), checkOut: d(102 + i * 4) };
      events.push({ uid: `race${i}`, start: nights.checkIn, end: nights.checkOut });
      server.set("/race.ics", { kind: "calendar", body: vrboFeed(events) });
      // The sync starts first and the hold a little later, by a different head start each time,
      // so both orders of reaching the unit lock occur (which one wins is not asserted).
      const syncing = sync([feed.id]);
      await new Promise((resolve) => setTimeout(resolve, i * 4));
      const [hold] = await Promise.all([createHold({ unitId: unit.id, ...nights, guests: 1 }).catch((error: unknown) => error), syncing]);
      if (hold instanceof AppError) {
        expect(hold.code).toBe("UNAVAILABLE");
        outcomes.refused++;
      } else {
        const { holdId } = hold as { holdId: string };
        const conflict = await prisma.channelConflict.findMany({ where: { stayId: holdId } });
        expect(conflict, `hold ${i} placed over the block without a conflict`).toHaveLength(1);
        outcomes.heldAndReported++;
      }
    }
    expect(outcomes.refused + outcomes.heldAndReported).toBe(8);
    // Every block the feed sent exists: an imported block is never refused.
    expect(await prisma.block.count({ where: { feedId: feed.id } })).toBe(8);
    // The invariant in SQL: no live hold shares a night with an imported block unless a conflict names it.
    const silent = await prisma.$queryRaw<Array<{ id: string }>>`
      SELECT h.id FROM "Hold" h JOIN "Block" b ON b."unitId" = h."unitId"
         AND daterange(h."checkIn", h."checkOut", '[)') && daterange(b."startDate", b."endDate", '[)')
       WHERE h."unitId" = ${unit.id} AND h.status = 'ACTIVE'
         AND NOT EXISTS (SELECT 1 FROM "ChannelConflict" c WHERE c."stayId" = h.id)`;
    expect(silent).toEqual([]);
  });
});

describe("stale feeds", () => {
  it("reports a feed without success for over 3 hours, without its URL, and alerts once per episode", async () => {
    const unit = await unitWithPlan();
    server.set("/stale.ics", { kind: "calendar", body: vrboFeed([{ uid: "s", start: d(10), end: d(11) }]) });
    const feed = await feedFor(unit.id, "vrbo", "/stale.ics");
    const t0 = new Date();
    await sync([feed.id], t0);
    const at = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);

    expect((await listStaleFeeds({ now: at(2.9) })).map((f) => f.feedId)).not.toContain(feed.id);
    expect(await alertStaleFeeds({ now: at(2.9) })).toBe(0);

    server.set("/stale.ics", { kind: "status", status: 500 });
    await sync([feed.id], at(3.5));
    const stale = await listStaleFeeds({ now: at(3.5) });
    expect(stale.find((f) => f.feedId === feed.id)).toMatchObject({ channel: "vrbo", lastError: "http 500", lastSuccessAt: t0 });
    expect(alerts("channel feed stale").filter((l) => l.includes(feed.id))).toHaveLength(1);
    // Later runs in the same episode stay quiet.
    await sync([feed.id], at(4));
    await alertStaleFeeds({ now: at(5) });
    expect(alerts("channel feed stale").filter((l) => l.includes(feed.id))).toHaveLength(1);

    const res = await callRoute(health, { path: "/api/v1/health" });
    // Health uses the real clock: make the feed stale now by moving its success back.
    expect(res.status).toBe(200);
    await prisma.channelFeed.update({ where: { id: feed.id }, data: { lastSuccessAt: new Date(Date.now() - 4 * 3_600_000) } });
    const degraded = await callRoute(health, { path: "/api/v1/health" });
    expect(degraded.status).toBe(200);
    expect(degraded.body.status).toBe("degraded");
    expect(degraded.body.channels.staleFeeds).toContainEqual(expect.objectContaining({ feedId: feed.id, unitId: unit.id, channel: "vrbo" }));
    expect(degraded.text).not.toContain(server.url);
    expect(degraded.text).not.toContain("stale.ics");

    // A success ends the episode; the next one alerts again.
    server.set("/stale.ics", { kind: "calendar", body: vrboFeed([{ uid: "s", start: d(10), end: d(11) }]) });
    await sync([feed.id], at(6));
    expect((await prisma.channelFeed.findUniqueOrThrow({ where: { id: feed.id } })).staleAlertedAt).toBeNull();
    await alertStaleFeeds({ now: at(9.5) });
    expect(alerts("channel feed stale").filter((l) => l.includes(feed.id))).toHaveLength(2);
  });
});
