import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Transporter } from "nodemailer";
import { addDays, todayIn } from "@/lib/dates";
import { addFeed } from "@/lib/server/channels/manage-feeds";
import { syncFeed } from "@/lib/server/channels/sync-feed";
import { prisma } from "@/lib/server/db/client";
import { alertStaleFeeds, syncChannelFeeds } from "@/lib/server/jobs/sync-channel-feeds";
import { sendOutbox } from "@/lib/server/jobs/send-outbox";
import { createMailTransport } from "@/lib/server/notifications/transport";
import { createBooking, createCustomer, createHold, createRatePlan, createUnit } from "../support/factories";
import { airbnbFeed, vrboFeed } from "../support/feed-fixtures";
import { startFeedServer, type FeedServer } from "../support/feed-server";
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from "../support/smtp-catcher";
import { TEST_ORIGIN } from "../support/test-env";

// Channel sync's owner alerts as email: the sync job records a conflict or a stale episode and
// queues the owner's message in the same transaction, the outbox sender delivers it to a real
// SMTP server on loopback, and the caught messages are counted and read back. Stay dates are
// computed from today in the property's zone.

vi.hoisted(() => {
  process.env.OWNER_EMAIL = "owner@palmaire.test";
});

const today = todayIn("America/New_York");
const d = (n: number) => addDays(today, n);
let feeds: FeedServer;
let catcher: SmtpCatcher;
let transport: Transporter;

beforeAll(async () => {
  feeds = await startFeedServer();
  catcher = await startSmtpCatcher();
  transport = createMailTransport(catcher.url);
});
afterAll(async () => {
  transport?.close();
  await catcher?.close();
  await feeds?.close();
});
beforeEach(() => {
  catcher.messages.length = 0;
});

/** Delivers everything due by `now` (default: now). */
const deliver = (now = new Date()) => sendOutbox({ transport, now });
const toOwner = (m: CaughtMail) => m.envelopeTo.includes("owner@palmaire.test");
const mails = (subject: RegExp) => catcher.messages.filter((m) => toOwner(m) && subject.test(m.mail.subject ?? ""));

async function unitWithFeed(name: string, channel: string, path: string) {
  const unit = await createUnit({ name });
  await createRatePlan({ unitId: unit.id, nightly: 10_000 });
  const feed = await addFeed({ unit: unit.id, channel, url: `${feeds.url}${path}` });
  return { unit, feed };
}

describe("conflict emails", () => {
  it("sends one owner email for an imported block over a confirmed booking, however many syncs see it", async () => {
    const { unit, feed } = await unitWithFeed("Essex Alert", "airbnb", "/alert/conflict.ics");
    const guest = await createCustomer({ firstName: "Ana", lastName: "Rivera" });
    const booking = await createBooking({ unitId: unit.id, checkIn: d(50), checkOut: d(55), customerId: guest.id });
    feeds.set("/alert/conflict.ics", { kind: "calendar", body: airbnbFeed([{ uid: "c1", start: d(53), end: d(57) }]) });

    for (let i = 0; i < 3; i++) {
      await syncChannelFeeds({ now: new Date(), feedIds: [feed.id] });
      await deliver();
    }
    // A change elsewhere in the feed rewrites the blocks and looks at the overlaps again.
    feeds.set("/alert/conflict.ics", { kind: "calendar", body: airbnbFeed([{ uid: "c1", start: d(53), end: d(57) }, { uid: "c2", start: d(80), end: d(82) }]) });
    await syncChannelFeeds({ now: new Date(), feedIds: [feed.id] });
    await deliver();

    expect(await prisma.channelConflict.count({ where: { unitId: unit.id } })).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { kind: "CHANNEL_CONFLICT", channelConflict: { unitId: unit.id } } })).toBe(1);
    const sent = mails(/^Double booking/);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.mail.subject).toBe(`Double booking: airbnb sold Essex Alert ${d(53)} → ${d(57)} over booking ${booking.code}`);
  });

  it("names the unit, channel, nights, our booking's code and guest, and links the booking in the console", async () => {
    const { unit, feed } = await unitWithFeed("Dover Alert", "vrbo", "/alert/content.ics");
    const guest = await createCustomer({ firstName: "Bea", lastName: "Lindqvist" });
    const booking = await createBooking({ unitId: unit.id, checkIn: d(60), checkOut: d(63), customerId: guest.id });
    feeds.set("/alert/content.ics", { kind: "calendar", body: vrboFeed([{ uid: "v9", start: d(61), end: d(64) }]) });
    await syncChannelFeeds({ now: new Date(), feedIds: [feed.id] });
    await deliver();

    const [mail] = mails(/^Double booking/);
    const text = mail!.mail.text ?? "";
    expect(text).toContain("Dover Alert");
    expect(text).toContain("Sold on vrbo:");
    expect(text).toContain("(3 nights)"); // d(61) → d(64)
    expect(text).toContain(`Our booking ${booking.code}: Bea Lindqvist`);
    expect(text).toContain(`${TEST_ORIGIN}/admin/bookings/${booking.id}`);
  });

  it("never puts the feed's URL in the email", async () => {
    const { unit, feed } = await unitWithFeed("Kent Alert", "booking", "/alert/secret-token-4711.ics");
    await createBooking({ unitId: unit.id, checkIn: d(70), checkOut: d(72) });
    feeds.set("/alert/secret-token-4711.ics", { kind: "calendar", body: airbnbFeed([{ uid: "s1", start: d(71), end: d(73) }]) });
    await syncChannelFeeds({ now: new Date(), feedIds: [feed.id] });
    await deliver();

    const [mail] = mails(/^Double booking/);
    expect(mail).toBeDefined();
    expect(mail!.raw).not.toContain("secret-token-4711");
    expect(mail!.raw).not.toContain(feeds.url);
    expect(mail!.raw).not.toContain("127.0.0.1");
  });

  it("names a live hold's guest as paying now, and links the console's dashboard", async () => {
    const { unit, feed } = await unitWithFeed("Wessex Alert", "airbnb", "/alert/hold.ics");
    const guest = await createCustomer({ firstName: "Cai", lastName: "Moreno" });
    await createHold({ unitId: unit.id, checkIn: d(110), checkOut: d(112), customerId: guest.id });
    feeds.set("/alert/hold.ics", { kind: "calendar", body: airbnbFeed([{ uid: "h1", start: d(111), end: d(113) }]) });
    await syncChannelFeeds({ now: new Date(), feedIds: [feed.id] });
    await deliver();

    const [mail] = mails(/Wessex Alert/);
    expect(mail!.mail.subject).toBe(`Double booking: airbnb sold Wessex Alert ${d(111)} → ${d(113)} over a guest paying now`);
    const text = mail!.mail.text ?? "";
    expect(text).toContain("Our guest paying now (hold): Cai Moreno");
    expect(text).toContain(`${TEST_ORIGIN}/admin`);
    expect(text).not.toContain("/admin/bookings/");
  });

  it("two syncs of one feed at once record one conflict and queue one email", async () => {
    const { unit, feed } = await unitWithFeed("Surrey Alert", "airbnb", "/alert/race.ics");
    await createBooking({ unitId: unit.id, checkIn: d(90), checkOut: d(94) });
    feeds.set("/alert/race.ics", { kind: "calendar", body: airbnbFeed([{ uid: "r1", start: d(92), end: d(96) }]) });
    const row = await prisma.channelFeed.findUniqueOrThrow({ where: { id: feed.id } });
    const now = new Date();
    const results = await Promise.all([syncFeed(row, { now }), syncFeed(row, { now }), syncFeed(row, { now })]);
    expect(results.reduce((n, r) => n + r.newConflicts, 0)).toBe(1);
    await deliver();

    expect(await prisma.channelConflict.count({ where: { unitId: unit.id } })).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { kind: "CHANNEL_CONFLICT", channelConflict: { unitId: unit.id } } })).toBe(1);
    expect(mails(/Surrey Alert/)).toHaveLength(1);
  });

  it("skips the email when the overlap is gone before its turn", async () => {
    const { unit, feed } = await unitWithFeed("Sussex Alert", "airbnb", "/alert/gone.ics");
    await createBooking({ unitId: unit.id, checkIn: d(100), checkOut: d(104) });
    feeds.set("/alert/gone.ics", { kind: "calendar", body: airbnbFeed([{ uid: "g1", start: d(101), end: d(103) }]) });
    await syncChannelFeeds({ now: new Date(), feedIds: [feed.id] });
    // The channel cancels before the sender runs: the conflict is resolved.
    feeds.set("/alert/gone.ics", { kind: "calendar", body: airbnbFeed([]) });
    await syncChannelFeeds({ now: new Date(), feedIds: [feed.id] });

    expect(await deliver()).toMatchObject({ skipped: 1, sent: 0 });
    expect(mails(/Sussex Alert/)).toHaveLength(0);
  });
});

describe("stale feed emails", () => {
  it("sends one email per stale episode, and another after a success ends it", async () => {
    const { feed } = await unitWithFeed("Norfolk Alert", "vrbo", "/alert/stale.ics");
    feeds.set("/alert/stale.ics", { kind: "calendar", body: vrboFeed([{ uid: "s", start: d(10), end: d(11) }]) });
    const t0 = new Date();
    const at = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);
    await syncChannelFeeds({ now: t0, feedIds: [feed.id] });

    // Failing from then on: stale after 3 hours (the default threshold).
    feeds.set("/alert/stale.ics", { kind: "status", status: 500 });
    await syncChannelFeeds({ now: at(2), feedIds: [feed.id] });
    await deliver(at(2));
    expect(mails(/Norfolk Alert/)).toHaveLength(0);

    await syncChannelFeeds({ now: at(3.5), feedIds: [feed.id] });
    await Promise.all([alertStaleFeeds({ now: at(4) }), alertStaleFeeds({ now: at(4) })]);
    await syncChannelFeeds({ now: at(5), feedIds: [feed.id] });
    await deliver(at(5));
    expect(mails(/Norfolk Alert/)).toHaveLength(1);

    // A success ends the episode; failing for over 3 hours again is a new one.
    feeds.set("/alert/stale.ics", { kind: "calendar", body: vrboFeed([{ uid: "s", start: d(10), end: d(11) }]) });
    await syncChannelFeeds({ now: at(6), feedIds: [feed.id] });
    feeds.set("/alert/stale.ics", { kind: "status", status: 500 });
    await syncChannelFeeds({ now: at(7), feedIds: [feed.id] });
    await alertStaleFeeds({ now: at(9.5) });
    await deliver(at(9.5));
    expect(mails(/Norfolk Alert/)).toHaveLength(2);
    expect(await prisma.outboxMessage.count({ where: { kind: "CHANNEL_FEED_STALE", channelFeedId: feed.id } })).toBe(2);
  });

  it("says which unit and channel, when it was last read and why it fails, without the feed's URL", async () => {
    const { feed } = await unitWithFeed("Devon Alert", "airbnb", "/alert/stale-secret-0815.ics");
    feeds.set("/alert/stale-secret-0815.ics", { kind: "calendar", body: airbnbFeed([{ uid: "x", start: d(10), end: d(11) }]) });
    const t0 = new Date();
    const at = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);
    await syncChannelFeeds({ now: t0, feedIds: [feed.id] });
    feeds.set("/alert/stale-secret-0815.ics", { kind: "status", status: 500 });
    await syncChannelFeeds({ now: at(3.5), feedIds: [feed.id] });
    await deliver(at(3.5));

    const [mail] = mails(/Devon Alert/);
    expect(mail!.mail.subject).toBe("Calendar not updating: Devon Alert from airbnb");
    const text = mail!.mail.text ?? "";
    expect(text).toContain("The airbnb calendar of Devon Alert was last read successfully on ");
    expect(text).toContain("Last error: http 500");
    expect(text).toContain(`${TEST_ORIGIN}/admin`);
    expect(mail!.raw).not.toContain("stale-secret-0815");
    expect(mail!.raw).not.toContain(feeds.url);
  });
});
