import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as removeFeed, PATCH as updateFeed } from "@/app/api/admin/channels/feeds/[id]/route";
import { POST as addFeed } from "@/app/api/admin/channels/feeds/route";
import { DELETE as revokeToken } from "@/app/api/admin/channels/tokens/[id]/route";
import { POST as createToken } from "@/app/api/admin/channels/tokens/route";
import { addDays, todayIn, toDbDate } from "@/lib/dates";
import { getDashboard } from "@/lib/server/admin/get-dashboard";
import { getChannelsPage } from "@/lib/server/admin/manage-channels";
import { checkAvailability } from "@/lib/server/availability/check-availability";
import { findExportChannel } from "@/lib/server/channels/export-tokens";
import { prisma } from "@/lib/server/db/client";
import { signedIn } from "../support/admin-session";
import { callRoute } from "../support/call-route";
import { createBooking, createConflict, createFailedMessage, createFeed, createRatePlan, createUnit } from "../support/factories";
import { TEST_ORIGIN } from "../support/test-env";

// The dashboard's "needs your attention" list and the channels page (#16 with #17's services).
// Feeds are stale after CHANNEL_FEED_STALE_HOURS (3 by default) without a success.

const HOUR = 3_600_000;
let owner: Awaited<ReturnType<typeof signedIn>>;
let unitId: string;
const today = () => todayIn(process.env.PROPERTY_TIMEZONE!);
const as = (cookie: string) => ({ cookie, origin: TEST_ORIGIN });

beforeAll(async () => {
  owner = await signedIn("OWNER");
  unitId = (await createUnit({ name: "Channel Cottage" })).id;
});

describe("dashboard: what needs the owner's attention", () => {
  it("lists an open conflict, a stale feed, a failing feed and an undelivered email, each linking to where the owner acts", async () => {
    const now = new Date();
    const stale = await createFeed({ unitId, channel: "vrbo", createdAt: new Date(now.getTime() - 48 * HOUR), lastAttemptAt: new Date(now.getTime() - HOUR / 6), lastSuccessAt: new Date(now.getTime() - 24 * HOUR), lastError: "timeout" });
    const failing = await createFeed({ unitId, channel: "booking", createdAt: new Date(now.getTime() - 48 * HOUR), lastAttemptAt: new Date(now.getTime() - HOUR / 6), lastSuccessAt: new Date(now.getTime() - HOUR), lastError: "http 500" });
    const healthy = await createFeed({ unitId, channel: "airbnb", lastAttemptAt: new Date(now.getTime() - HOUR / 6), lastSuccessAt: new Date(now.getTime() - HOUR / 6) });
    await createFeed({ unitId, channel: "paused", enabled: false, createdAt: new Date(now.getTime() - 48 * HOUR), lastError: "http 404" });
    const booking = await createBooking({ unitId, checkIn: addDays(today(), 20), checkOut: addDays(today(), 25) });
    await createConflict({ feed: healthy, booking, blockStart: addDays(today(), 22), blockEnd: addDays(today(), 24) });
    await createFailedMessage({ bookingId: booking.id });

    const { attention } = await getDashboard({ now });
    expect(attention.conflicts).toEqual([
      expect.objectContaining({ unitName: "Channel Cottage", channel: "airbnb", blockStart: addDays(today(), 22), blockEnd: addDays(today(), 24), stayKind: "booking", href: `/admin/bookings/${booking.id}` }),
    ]);
    expect(attention.staleFeeds).toEqual([expect.objectContaining({ id: stale.id, channel: "vrbo", lastError: "timeout", href: "/admin/channels" })]);
    expect(attention.failingFeeds).toEqual([expect.objectContaining({ id: failing.id, channel: "booking", lastError: "http 500", href: "/admin/channels" })]);
    expect(attention.failedEmails).toEqual([
      expect.objectContaining({ kind: "BOOKING_CONFIRMED", recipient: "GUEST", bookingCode: booking.code, lastError: "EENVELOPE 550", href: `/admin/bookings/${booking.id}` }),
    ]);
  });
});

describe("channels page", () => {
  it("adds an import feed, which the page lists, and logs it without the URL's secret", async () => {
    const url = "https://www.airbnb.example/calendar/ical/123.ics?s=secret-part";
    const res = await callRoute(addFeed, { path: "/api/admin/channels/feeds", body: { unitId, channel: "Airbnb", url }, headers: as(owner.cookie) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ unitId, channel: "airbnb" });
    const page = await getChannelsPage();
    expect(page.feeds.find((f) => f.id === res.body.id)).toMatchObject({ unitName: "Channel Cottage", channel: "airbnb", url, enabled: true, stale: false, eventCount: 0, lastAttemptAt: null });
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: res.body.id } });
    expect(audit).toMatchObject({ action: "Import feed added", actorEmail: owner.user.email, after: { unitId, channel: "airbnb", host: "www.airbnb.example" } });
    expect(JSON.stringify(audit.after)).not.toContain("secret-part");
  });

  it("refuses a calendar URL that is not http(s) with the field's path, and adds nothing", async () => {
    const before = await prisma.channelFeed.count();
    const res = await callRoute(addFeed, { path: "/api/admin/channels/feeds", body: { unitId, channel: "vrbo", url: "ftp://example.test/a.ics" }, headers: as(owner.cookie) });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["url"]);
    expect(await prisma.channelFeed.count()).toBe(before);
  });

  it("pauses a feed and resumes it, logging each with before and after", async () => {
    const feed = await createFeed({ unitId, channel: "tripadvisor" });
    const path = `/api/admin/channels/feeds/${feed.id}`;
    expect((await callRoute(updateFeed, { method: "PATCH", path, params: { id: feed.id }, body: { enabled: false }, headers: as(owner.cookie) })).status).toBe(200);
    expect((await prisma.channelFeed.findUniqueOrThrow({ where: { id: feed.id } })).enabled).toBe(false);
    expect((await callRoute(updateFeed, { method: "PATCH", path, params: { id: feed.id }, body: { enabled: true }, headers: as(owner.cookie) })).status).toBe(200);
    const audit = await prisma.auditLog.findMany({ where: { entityId: feed.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
      ["Import feed paused", { enabled: true }, { enabled: false }],
      ["Import feed resumed", { enabled: false }, { enabled: true }],
    ]);
  });

  it("removes a feed: its nights open at once, its open conflicts close, and the log keeps the host but not the URL", async () => {
    const unit = await createUnit({ name: "Removal Cottage" });
    await createRatePlan({ unitId: unit.id, nightly: 10_000 });
    const url = "https://www.vrbo.example/icalendar/abc.ics?nonce=secret-part";
    const feed = await createFeed({ unitId: unit.id, channel: "vrbo", url });
    const [start, end] = [addDays(today(), 30), addDays(today(), 33)];
    await prisma.block.create({ data: { unitId: unit.id, feedId: feed.id, kind: "EXTERNAL", externalUid: "vrbo-1", startDate: toDbDate(start), endDate: toDbDate(end) } });
    const booking = await createBooking({ unitId: unit.id, checkIn: addDays(today(), 40), checkOut: addDays(today(), 42) });
    const conflict = await createConflict({ feed, booking, blockStart: addDays(today(), 40), blockEnd: addDays(today(), 41) });
    // Read once before, so a kept answer would show if the removal did not invalidate it.
    expect((await checkAvailability({ unitRef: unit.id, start, end })).isAvailable).toBe(false);

    const path = `/api/admin/channels/feeds/${feed.id}`;
    const res = await callRoute(removeFeed, { method: "DELETE", path, params: { id: feed.id }, headers: as(owner.cookie) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: feed.id, removed: true, blocksRemoved: 1 });
    expect(await prisma.channelFeed.count({ where: { id: feed.id } })).toBe(0);
    expect(await prisma.block.count({ where: { unitId: unit.id } })).toBe(0);
    expect((await checkAvailability({ unitRef: unit.id, start, end })).isAvailable).toBe(true);
    expect((await prisma.channelConflict.findUniqueOrThrow({ where: { id: conflict.id } })).resolvedAt).not.toBeNull();
    expect((await getChannelsPage()).feeds.some((f) => f.id === feed.id)).toBe(false);

    const audit = await prisma.auditLog.findMany({ where: { entityId: feed.id } });
    expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
      ["Import feed removed", { unitId: unit.id, channel: "vrbo", host: "www.vrbo.example", blocks: 1 }, null],
    ]);
    expect(JSON.stringify(audit)).not.toContain("secret-part");

    // Gone already (another tab removed it): 404 with the console's wording, and nothing logged.
    const again = await callRoute(removeFeed, { method: "DELETE", path, params: { id: feed.id }, headers: as(owner.cookie) });
    expect(again.status).toBe(404);
    expect(again.body.error.message).toMatch(/no longer exists/);
    expect(await prisma.auditLog.count({ where: { entityId: feed.id } })).toBe(1);
  });

  it("creates an export URL that identifies its channel, then revokes it so it no longer does", async () => {
    const created = await callRoute(createToken, { path: "/api/admin/channels/tokens", body: { unitId, channel: "vrbo" }, headers: as(owner.cookie) });
    expect(created.status).toBe(201);
    expect(created.body.path).toBe(`/api/v1/units/${unitId}/ical/${created.body.token}.ics`);
    expect(await findExportChannel(unitId, created.body.token)).toBe("vrbo");
    const id = created.body.id as string;
    const revoked = await callRoute(revokeToken, { method: "DELETE", path: `/api/admin/channels/tokens/${id}`, params: { id }, headers: as(owner.cookie) });
    expect(revoked.status).toBe(200);
    expect(await findExportChannel(unitId, created.body.token)).toBeNull();
    const audit = await prisma.auditLog.findMany({ where: { entityId: id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["Export URL created", "Export URL revoked"]);
    // The token is a secret shown once: the log never holds it.
    expect(JSON.stringify(audit)).not.toContain(created.body.token);
  });

  it("refuses staff on every channel action", async () => {
    const staff = await signedIn("STAFF");
    const res = await callRoute(createToken, { path: "/api/admin/channels/tokens", body: { unitId, channel: "vrbo" }, headers: as(staff.cookie) });
    expect(res.status).toBe(403);
    const feed = await createFeed({ unitId, channel: "homeaway" });
    const patch = await callRoute(updateFeed, { method: "PATCH", path: `/api/admin/channels/feeds/${feed.id}`, params: { id: feed.id }, body: { enabled: false }, headers: as(staff.cookie) });
    expect(patch.status).toBe(403);
    const removal = await callRoute(removeFeed, { method: "DELETE", path: `/api/admin/channels/feeds/${feed.id}`, params: { id: feed.id }, headers: as(staff.cookie) });
    expect(removal.status).toBe(403);
    expect((await prisma.channelFeed.findUniqueOrThrow({ where: { id: feed.id } })).enabled).toBe(true);
  });
});
