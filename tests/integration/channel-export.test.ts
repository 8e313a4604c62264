import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as channelExport } from "@/app/api/v1/units/[id]/ical/[token]/route";
import { GET as publicFeed } from "@/app/api/v1/units/[id]/ical.ics/route";
import { addDays, todayIn } from "@/lib/dates";
import { createOwnerBlock, removeOwnerBlock } from "@/lib/server/blocks/owner-blocks";
import { createExportToken, revokeExportToken } from "@/lib/server/channels/export-tokens";
import { addFeed } from "@/lib/server/channels/manage-feeds";
import { parseFeed } from "@/lib/server/channels/parse-feed";
import { checkAvailability } from "@/lib/server/availability/check-availability";
import { prisma } from "@/lib/server/db/client";
import { syncChannelFeeds } from "@/lib/server/jobs/sync-channel-feeds";
import { callRoute } from "../support/call-route";
import { createBooking, createHold, createUnit } from "../support/factories";
import { airbnbFeed, vrboFeed } from "../support/feed-fixtures";
import { startFeedServer, type FeedServer } from "../support/feed-server";

// The per-channel export: what each channel is sent, read back with our own import parser (so
// the export round-trips into what a channel would block), and the owner blocks behind it.

const TZ = "America/New_York";
const today = todayIn(TZ);
const d = (n: number) => addDays(today, n);
let server: FeedServer;
let unit: { id: string; slug: string };
let bookingId: string;
const tokens: Record<string, string> = {};

const exportOf = (unitId: string, token: string, headers?: Record<string, string>) =>
  callRoute(channelExport, { path: `/api/v1/units/${unitId}/ical/${token}.ics`, params: { id: unitId, token: `${token}.ics` }, headers });
const nightsIn = (text: string) => parseFeed(text, { timeZone: TZ, today }).map((e) => [e.start, e.end]);

beforeAll(async () => {
  server = await startFeedServer();
  unit = await createUnit();
  bookingId = (await createBooking({ unitId: unit.id, checkIn: d(10), checkOut: d(14) })).id;
  await createOwnerBlock({ unit: unit.id, start: d(20), end: d(22), reason: "Roof repair" });
  server.set("/x/airbnb.ics", { kind: "calendar", body: airbnbFeed([{ uid: "a", start: d(30), end: d(33) }]) });
  server.set("/x/vrbo.ics", { kind: "calendar", body: vrboFeed([{ uid: "v", start: d(40), end: d(45) }]) });
  const feeds = [
    await addFeed({ unit: unit.id, channel: "airbnb", url: `${server.url}/x/airbnb.ics` }),
    await addFeed({ unit: unit.id, channel: "vrbo", url: `${server.url}/x/vrbo.ics` }),
  ];
  await syncChannelFeeds({ now: new Date(), feedIds: feeds.map((f) => f.id) });
  for (const channel of ["airbnb", "vrbo", "booking"]) tokens[channel] = (await createExportToken({ unit: unit.slug, channel })).token;
});
afterAll(async () => {
  await server.close();
});

describe("GET /api/v1/units/[id]/ical/[token].ics", () => {
  it("sends each channel our bookings, owner blocks and the other channels' nights, never its own", async () => {
    const airbnb = await exportOf(unit.id, tokens.airbnb!);
    expect(airbnb.status).toBe(200);
    expect(airbnb.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(airbnb.headers.get("cache-control")).toBe("private, max-age=300");
    expect(nightsIn(airbnb.text)).toEqual([
      [d(10), d(14)],
      [d(20), d(22)],
      [d(40), d(45)],
    ]);
    expect(airbnb.text).not.toContain("airbnb.com");

    const vrbo = await exportOf(unit.id, tokens.vrbo!);
    expect(nightsIn(vrbo.text)).toEqual([
      [d(10), d(14)],
      [d(20), d(22)],
      [d(30), d(33)],
    ]);
    // A channel with no import feed gets everything.
    const booking = await exportOf(unit.id, tokens.booking!);
    expect(nightsIn(booking.text)).toEqual([
      [d(10), d(14)],
      [d(20), d(22)],
      [d(30), d(33)],
      [d(40), d(45)],
    ]);
  });

  it("writes all-day events that say nothing about the guest or the owner's reason", async () => {
    const res = await exportOf(unit.id, tokens.booking!);
    expect(res.text).toContain(`DTSTART;VALUE=DATE:${d(10).replaceAll("-", "")}`);
    expect(res.text).toContain(`UID:booking-${bookingId}@palm-aire-court`);
    expect(res.text.match(/^SUMMARY:Not available\r$/gm)).toHaveLength(4);
    expect(res.text).not.toContain("Roof repair");
    expect(res.text.toLowerCase()).not.toContain("example.test");
  });

  it("answers 304 to its ETag, and changes when the nights it lists change (and only then)", async () => {
    const first = await exportOf(unit.id, tokens.airbnb!);
    const etag = first.headers.get("etag")!;
    expect((await exportOf(unit.id, tokens.airbnb!, { "if-none-match": etag })).status).toBe(304);

    // Airbnb's own feed changes: Airbnb's export does not.
    server.set("/x/airbnb.ics", { kind: "calendar", body: airbnbFeed([{ uid: "a", start: d(31), end: d(34) }]) });
    const airbnbFeedRow = await prisma.channelFeed.findFirstOrThrow({ where: { unitId: unit.id, channel: "airbnb" } });
    await syncChannelFeeds({ now: new Date(), feedIds: [airbnbFeedRow.id] });
    expect((await exportOf(unit.id, tokens.airbnb!)).headers.get("etag")).toBe(etag);
    expect(nightsIn((await exportOf(unit.id, tokens.vrbo!)).text)).toContainEqual([d(31), d(34)]);

    // An owner block appears: the export changes at once (no stale cached copy).
    const block = await createOwnerBlock({ unit: unit.id, start: d(50), end: d(52) });
    const after = await exportOf(unit.id, tokens.airbnb!, { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(nightsIn(after.text)).toContainEqual([d(50), d(52)]);
    await removeOwnerBlock(block.id);
    expect(nightsIn((await exportOf(unit.id, tokens.airbnb!)).text)).not.toContainEqual([d(50), d(52)]);
  });

  it("finds the unit by slug too", async () => {
    const res = await exportOf(unit.slug, tokens.vrbo!);
    expect(res.status).toBe(200);
    expect(nightsIn(res.text)).toContainEqual([d(10), d(14)]);
  });

  it("answers 404 for a revoked, unknown, malformed or other unit's token", async () => {
    const other = await createUnit();
    const otherToken = (await createExportToken({ unit: other.id, channel: "airbnb" })).token;
    const made = await createExportToken({ unit: unit.id, channel: "airbnb" });
    expect((await exportOf(unit.id, made.token)).status).toBe(200);
    await revokeExportToken(made.id, { now: new Date() });
    for (const [unitId, token] of [
      [unit.id, made.token],
      [unit.id, otherToken],
      [unit.id, "A".repeat(43)],
      [unit.id, "short"],
      ["no-such-unit", tokens.airbnb!],
    ] as const) {
      const res = await exportOf(unitId, token);
      expect(res.status, `${unitId}/${token}`).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
    // Only the hash is stored.
    const rows = await prisma.channelExportToken.findMany({ where: { unitId: unit.id } });
    expect(rows.every((r) => !Object.values(tokens).includes(r.tokenHash) && r.tokenHash.length === 64)).toBe(true);
  });
});

describe("the public feed with blocks", () => {
  it("lists owner blocks but no nights imported from a channel", async () => {
    const res = await callRoute(publicFeed, { path: `/api/v1/units/${unit.id}/ical.ics`, params: { id: unit.id } });
    expect(res.status).toBe(200);
    // The booking is a timed stay (check-in 15:00, check-out 11:00); the owner block is all-day.
    expect(nightsIn(res.text)).toEqual([
      [d(10), d(14)],
      [d(20), d(22)],
    ]);
  });
});

describe("owner blocks", () => {
  it("refuse nights of a confirmed booking or a live hold, naming it", async () => {
    await expect(createOwnerBlock({ unit: unit.id, start: d(12), end: d(16) })).rejects.toMatchObject({
      code: "UNAVAILABLE",
      message: expect.stringContaining(bookingId),
      details: { stays: [{ kind: "booking", id: bookingId, start: d(10), end: d(14) }] },
    });
    const hold = await createHold({ unitId: unit.id, checkIn: d(60), checkOut: d(62) });
    await expect(createOwnerBlock({ unit: unit.id, start: d(61), end: d(63) })).rejects.toMatchObject({
      code: "UNAVAILABLE",
      message: expect.stringContaining(hold.id),
    });
    await prisma.hold.update({ where: { id: hold.id }, data: { status: "EXPIRED" } });
    await expect(createOwnerBlock({ unit: unit.id, start: d(61), end: d(63) })).resolves.toMatchObject({ start: d(61), end: d(63) });
  });

  it("never overlap each other, may overlap an imported block, and free their nights when removed", async () => {
    await expect(createOwnerBlock({ unit: unit.id, start: d(21), end: d(23) })).rejects.toMatchObject({ code: "CONFLICT" });
    const overImported = await createOwnerBlock({ unit: unit.id, start: d(41), end: d(42) });
    expect(overImported.unitId).toBe(unit.id);
    const free = await createOwnerBlock({ unit: unit.id, start: d(70), end: d(72) });
    expect((await checkAvailability({ unitRef: unit.id, start: d(70), end: d(72) })).unavailable).toEqual([{ start: d(70), end: d(72), kind: "block" }]);
    await removeOwnerBlock(free.id);
    expect((await checkAvailability({ unitRef: unit.id, start: d(70), end: d(72) })).isAvailable).toBe(true);
    const imported = await prisma.block.findFirstOrThrow({ where: { unitId: unit.id, kind: "EXTERNAL" } });
    await expect(removeOwnerBlock(imported.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createOwnerBlock({ unit: unit.id, start: d(80), end: d(80) })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });
});
