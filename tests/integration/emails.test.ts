import { emulator, webhookUrl } from "../support/stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import ICAL from "ical.js";
import type { Transporter } from "nodemailer";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { POST as postCheckout } from "@/app/api/v1/checkout/route";
import { POST as postCancel } from "@/app/api/v1/bookings/cancel/route";
import { addDays, todayIn } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { enqueueBookingConfirmed } from "@/lib/server/notifications/enqueue";
import { createMailTransport } from "@/lib/server/notifications/transport";
import { listFailedMessages } from "@/lib/server/notifications/list-failed-messages";
import { enqueuePreArrivalEmails } from "@/lib/server/jobs/enqueue-pre-arrival";
import { expireHolds } from "@/lib/server/jobs/expire-holds";
import { OUTBOX_MAX_ATTEMPTS, sendOutbox } from "@/lib/server/jobs/send-outbox";
import { bearer, callRoute } from "../support/call-route";
import { createBooking, createRatePlan, createUnit, seed } from "../support/factories";
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from "../support/smtp-catcher";
import { TEST_ORIGIN, TEST_SERVICE_API_KEY } from "../support/test-env";

// Emails end to end: the webhook books, the outbox row commits with the booking, the sender job
// delivers through nodemailer to a real SMTP server on loopback, and each message is parsed back
// (mailparser, ical.js). Stays are dated from today in the property's zone; a night costs 10 000
// cents on this unit, the seed's one fee is the $40.00 cleaning fee per stay, and the seed's
// seasons are removed (they would discount some dates), so N nights cost N × $100.00 + $40.00.

vi.hoisted(() => {
  process.env.OWNER_EMAIL = "owner@palmaire.test";
});

const TZ = "America/New_York";
const auth = bearer(TEST_SERVICE_API_KEY);
let unitId: string;
let catcher: SmtpCatcher;
let transport: Transporter;

beforeAll(async () => {
  await seed(); // the property's settings row (address, arrival instructions) and the cleaning fee
  await prisma.season.deleteMany();
  const unit = await createUnit({ name: "Essex Mail" });
  unitId = unit.id;
  await createRatePlan({ unitId, nightly: 10_000, currency: "USD" });
  catcher = await startSmtpCatcher();
  transport = createMailTransport(catcher.url);
});

afterAll(async () => {
  transport?.close();
  await catcher?.close();
});

beforeEach(async () => {
  // Each test looks at its own messages only.
  await sendOutbox({ transport, now: new Date(Date.now() + 365 * 86_400_000) });
  catcher.messages.length = 0;
  await catcher.start().catch(() => undefined);
});

let dayOffset = 30;
/** A fresh stay each call, dated from today in the property's zone. */
function stay(nights: number, lead?: number) {
  const start = addDays(todayIn(TZ), lead ?? (dayOffset += nights + 1));
  return { checkIn: start, checkOut: addDays(start, nights) };
}

const guest = { firstName: "Ana", lastName: "Rivera", email: "ana.mail@example.com", phone: "+1 239 555 0100" };

async function book(nights: number, who: typeof guest = guest, lead?: number) {
  const dates = stay(nights, lead);
  const hold = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId, ...dates, guests: 2 }, headers: auth });
  expect(hold.status).toBe(201);
  const co = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId: hold.body.holdId, customer: who }, headers: auth });
  expect(co.status).toBe(200);
  const delivery = await emulator.succeed(co.body.paymentIntentId);
  expect(delivery.status).toBe(200);
  const booking = await prisma.booking.findUniqueOrThrow({ where: { holdId: hold.body.holdId } });
  return { ...dates, booking, holdId: hold.body.holdId as string, paymentIntentId: co.body.paymentIntentId as string };
}

/** The text part with line wrapping undone (plain-text parts wrap at 80 columns). */
function textOf(mail: CaughtMail): string {
  return (mail.mail.text ?? "").replace(/\s+/g, " ");
}

function bySubject(part: string): CaughtMail {
  const found = catcher.messages.filter((m) => m.mail.subject?.includes(part));
  expect(found, `one message with "${part}" in its subject`).toHaveLength(1);
  return found[0]!;
}

/** "Sat, Dec 5, 2026" for a calendar date, as a guest reads it. */
function longDate(iso: string) {
  return new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "short", month: "short", day: "numeric", year: "numeric" }).format(
    new Date(`${iso}T12:00:00Z`),
  );
}

/** Date and HH:MM of an instant on the property's wall clock. */
function wallClock(date: Date) {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value;
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}

function icsEvent(mail: CaughtMail) {
  const ics = mail.mail.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  expect(ics, "an .ics attachment").toBeDefined();
  expect(ics!.filename).toMatch(/^PAC-[A-Z0-9]{6}\.ics$/);
  const component = new ICAL.Component(ICAL.parse(ics!.content.toString("utf8")));
  return new ICAL.Event(component.getFirstSubcomponent("vevent")!);
}

describe("booking confirmed", () => {
  it("commits the guest's and the owner's messages with the booking and delivers both with the stay, the total and a manage link", async () => {
    const { booking, checkIn, checkOut } = await book(3);
    expect(booking.code).toMatch(/^PAC-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/);
    const rows = await prisma.outboxMessage.findMany({ where: { bookingId: booking.id }, orderBy: { recipient: "asc" } });
    expect(rows.map((r) => [r.kind, r.recipient, r.status])).toEqual([
      ["BOOKING_CONFIRMED", "GUEST", "PENDING"],
      ["BOOKING_CONFIRMED", "OWNER", "PENDING"],
    ]);

    const report = await sendOutbox({ transport });
    expect(report).toMatchObject({ sent: 2, retrying: 0, failed: 0 });

    const toGuest = bySubject(`Booking confirmed: Essex Mail, ${checkIn} (${booking.code})`);
    expect(toGuest.envelopeTo).toEqual(["ana.mail@example.com"]);
    expect(toGuest.mail.to).toMatchObject({ text: "ana.mail@example.com" });
    expect(toGuest.mail.messageId).toBe(rows[0]!.messageId);
    const text = textOf(toGuest);
    const html = toGuest.mail.html || "";
    for (const part of [
      booking.code,
      "Essex Mail",
      `${longDate(checkIn)} from 3 pm`,
      `${longDate(checkOut)} by 11 am`,
      "3 nights",
      "Ana Rivera",
      "Nightly rate × 3 (3 nights): $300.00",
      "Cleaning Fee: $40.00",
      "Total paid: $340.00", // 300.00 + 40.00
      "123 Palm Aire Court",
      "Fort Myers, FL 33901",
      "+1 239 555 0100",
    ]) {
      expect(text, part).toContain(part);
      expect(html.replace(/<[^>]+>/g, "").replace(/&#x27;/g, "'").replace(/\s+/g, " "), part).toContain(part);
    }
    const link = new RegExp(`${TEST_ORIGIN}/bookings/manage/([A-Za-z0-9_-]{43})`).exec(text);
    expect(link, "manage link in the text part").not.toBeNull();
    expect(html).toContain(`/bookings/manage/${link![1]}`);

    // The .ics: check-in 15:00 and check-out 11:00 on the property's wall clock.
    const event = icsEvent(toGuest);
    expect(wallClock(event.startDate.toJSDate())).toBe(`${checkIn} 15:00`);
    expect(wallClock(event.endDate.toJSDate())).toBe(`${checkOut} 11:00`);
    expect(event.summary).toContain(booking.code);
    expect(event.location).toContain("Fort Myers");

    const toOwner = bySubject(`New booking: Essex Mail ${checkIn} → ${checkOut} (${booking.code})`);
    expect(toOwner.envelopeTo).toEqual(["owner@palmaire.test"]);
    expect(textOf(toOwner)).toContain("ana.mail@example.com");
    expect(textOf(toOwner)).toContain("Total paid: $340.00");

    // Sent once: the rows are SENT, the token's clear copy is gone, a second run sends nothing.
    const after = await prisma.outboxMessage.findMany({ where: { bookingId: booking.id } });
    expect(after.map((r) => [r.status, r.attempts, r.payload])).toEqual([
      ["SENT", 1, {}],
      ["SENT", 1, {}],
    ]);
    expect(await sendOutbox({ transport })).toMatchObject({ sent: 0 });
    expect(catcher.messages).toHaveLength(2);
  });

  it("keeps the name and phone given for each booking and never renames the customer", async () => {
    const first = await book(2, { firstName: "Maria", lastName: "Lopez", email: "shared@example.com", phone: "+1 239 555 0111" });
    const second = await book(2, { firstName: "Mallory", lastName: "Imposter", email: "shared@example.com", phone: "+1 239 555 0199" });
    const customer = await prisma.customer.findUniqueOrThrow({ where: { email: "shared@example.com" } });
    expect(customer).toMatchObject({ firstName: "Maria", lastName: "Lopez", phone: "+1 239 555 0111" });
    expect(await prisma.booking.findUniqueOrThrow({ where: { id: first.booking.id } })).toMatchObject({ guestFirstName: "Maria", guestLastName: "Lopez" });
    expect(await prisma.booking.findUniqueOrThrow({ where: { id: second.booking.id } })).toMatchObject({
      guestFirstName: "Mallory",
      guestLastName: "Imposter",
      guestPhone: "+1 239 555 0199",
    });
    await sendOutbox({ transport });
    expect(textOf(bySubject(`Booking confirmed: Essex Mail, ${first.checkIn} (${first.booking.code})`))).toContain("Maria Lopez");
    expect(textOf(bySubject(`Booking confirmed: Essex Mail, ${second.checkIn} (${second.booking.code})`))).toContain("Mallory Imposter");
  });

  it("writes no message when the booking's transaction rolls back", async () => {
    const before = await prisma.outboxMessage.count();
    const dates = stay(2);
    const customer = await prisma.customer.create({ data: { firstName: "Roll", lastName: "Back", email: "rollback@example.com" } });
    await expect(
      prisma.$transaction(async (tx) => {
        const b = await tx.booking.create({
          data: { unitId, customerId: customer.id, checkIn: new Date(`${dates.checkIn}T00:00:00Z`), checkOut: new Date(`${dates.checkOut}T00:00:00Z`), totalCents: 20_000, baseCents: 20_000, discountCents: 0, feesCents: 0, taxCents: 0 },
        });
        await enqueueBookingConfirmed(tx, b);
        expect(await tx.outboxMessage.count()).toBe(before + 2); // visible inside the transaction
        throw new Error("payment write failed");
      }),
    ).rejects.toThrow("payment write failed");
    expect(await prisma.outboxMessage.count()).toBe(before);
    expect(await prisma.bookingManageToken.count({ where: { booking: { customerId: customer.id } } })).toBe(0);
    expect(await sendOutbox({ transport })).toMatchObject({ sent: 0 });
    expect(catcher.messages).toHaveLength(0);
  });
});

describe("the sender under failure and concurrency", () => {
  it("retries with backoff while SMTP is down for 3 attempts, then delivers the message exactly once", async () => {
    const { booking } = await book(2);
    await prisma.outboxMessage.updateMany({ where: { bookingId: booking.id, recipient: "OWNER" }, data: { status: "SKIPPED" } });
    const row = await prisma.outboxMessage.findFirstOrThrow({ where: { bookingId: booking.id, recipient: "GUEST" } });
    await catcher.stop();
    const t0 = new Date();
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const min = 60_000;

    // Backoff 1, 2, 4 minutes after attempts 1, 2, 3.
    expect(await sendOutbox({ transport, now: at(0) })).toMatchObject({ retrying: 1 });
    expect(await sendOutbox({ transport, now: at(59_000) })).toMatchObject({ retrying: 0, sent: 0 }); // not due yet
    expect(await sendOutbox({ transport, now: at(1 * min) })).toMatchObject({ retrying: 1 });
    expect(await sendOutbox({ transport, now: at(3 * min - 1000) })).toMatchObject({ retrying: 0 });
    expect(await sendOutbox({ transport, now: at(3 * min) })).toMatchObject({ retrying: 1 });
    const waiting = await prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 3, nextAttemptAt: at(7 * min), lockedUntil: null });
    expect(waiting.lastError).toMatch(/^ECONNECTION|^ESOCKET/);
    expect(waiting.lastError).not.toContain("@");

    await catcher.start();
    expect(await sendOutbox({ transport, now: at(7 * min) })).toMatchObject({ sent: 1 });
    expect(await sendOutbox({ transport, now: at(600 * min) })).toMatchObject({ sent: 0 });
    const delivered = catcher.messages.filter((m) => m.mail.messageId === row.messageId);
    expect(delivered).toHaveLength(1);
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "SENT", attempts: 4, sentAt: at(7 * min) });
  });

  it("gives up after the last attempt and shows the failure without personal data", async () => {
    const { booking } = await book(1);
    await catcher.stop();
    let now = Date.now();
    for (let attempt = 1; attempt <= OUTBOX_MAX_ATTEMPTS; attempt++) {
      await sendOutbox({ transport, now: new Date(now) });
      now += 7 * 3600_000; // past the longest backoff
    }
    const rows = await prisma.outboxMessage.findMany({ where: { bookingId: booking.id } });
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ["FAILED", OUTBOX_MAX_ATTEMPTS],
      ["FAILED", OUTBOX_MAX_ATTEMPTS],
    ]);
    expect(await sendOutbox({ transport, now: new Date(now) })).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
    const failed = (await listFailedMessages()).filter((m) => m.bookingId === booking.id);
    expect(failed).toHaveLength(2);
    expect(failed[0]).toMatchObject({ bookingCode: booking.code, attempts: OUTBOX_MAX_ATTEMPTS });
    for (const f of failed) expect(JSON.stringify(f)).not.toMatch(/@|Rivera/);
    expect(rows.every((r) => JSON.stringify(r.payload) === "{}")).toBe(true);
  });

  it("delivers each message once when three senders run at the same time", async () => {
    const booked = [await book(1), await book(1), await book(1)];
    const ids = (await prisma.outboxMessage.findMany({ where: { bookingId: { in: booked.map((b) => b.booking.id) } } })).map((r) => r.messageId);
    expect(ids).toHaveLength(6);
    const reports = await Promise.all([sendOutbox({ transport, limit: 4 }), sendOutbox({ transport, limit: 4 }), sendOutbox({ transport, limit: 4 })]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(6);
    const got = catcher.messages.map((m) => m.mail.messageId);
    expect(got.sort()).toEqual([...ids].sort());
  });
});

describe("cancellation, late payment and pre-arrival", () => {
  it("tells the guest and the owner when a booking is cancelled, with a cancelled calendar event", async () => {
    const { booking, checkIn } = await book(2);
    await sendOutbox({ transport });
    catcher.messages.length = 0;
    const res = await callRoute(postCancel, { path: "/api/v1/bookings/cancel", body: { bookingId: booking.id, reason: "plans changed" }, headers: auth });
    expect(res.status).toBe(200);
    // Cancelling again changes nothing, so it queues nothing.
    await callRoute(postCancel, { path: "/api/v1/bookings/cancel", body: { bookingId: booking.id }, headers: auth });
    expect(await sendOutbox({ transport })).toMatchObject({ sent: 2 });
    const toGuest = bySubject(`Booking cancelled: Essex Mail, ${checkIn} (${booking.code})`);
    expect(toGuest.envelopeTo).toEqual(["ana.mail@example.com"]);
    expect(textOf(toGuest)).toContain(`Your booking ${booking.code} has been cancelled`);
    // Booked weeks ahead and cancelled at once: the default policy refunds everything,
    // 2 × $100.00 + $40.00 = $240.00.
    expect(textOf(toGuest)).toContain("A refund of $240.00 is on its way to your card");
    expect(textOf(toGuest)).toMatch(/\/bookings\/manage\/[A-Za-z0-9_-]{43}/);
    expect(icsEvent(toGuest).component.getFirstPropertyValue("status")).toBe("CANCELLED");
    const toOwner = bySubject(`Cancelled: Essex Mail`);
    expect(toOwner.envelopeTo).toEqual(["owner@palmaire.test"]);
    expect(textOf(toOwner)).toContain("Refunded: $240.00");
  });

  it("tells a guest whose payment came too late about the full refund, and drops the stale hold-expired notice", async () => {
    const dates = stay(2);
    const hold = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId, ...dates, guests: 2 }, headers: auth });
    const late = { firstName: "Lena", lastName: "Late", email: "late@example.com" };
    const co = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId: hold.body.holdId, customer: late }, headers: auth });
    expect(co.status).toBe(200);
    // The guest pays just as the hold lapses and Stripe's event is delayed (a payment after expiry
    // is impossible: expiry cancels the PaymentIntent). The hold expires, someone else books the
    // nights, then the event arrives.
    emulator.setWebhookUrl(undefined);
    const { event } = await emulator.succeed(co.body.paymentIntentId);
    emulator.setWebhookUrl(webhookUrl);
    await prisma.hold.update({ where: { id: hold.body.holdId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await expireHolds()).expired).toBe(1);
    expect(await prisma.outboxMessage.findMany({ where: { holdId: hold.body.holdId } })).toMatchObject([{ kind: "HOLD_EXPIRED_WHILE_PAYING", status: "PENDING" }]);
    await createBooking({ unitId, ...dates });
    expect((await emulator.deliver(event)).status).toBe(200);

    // The refund notice is due at once; the hold-expired notice 15 minutes after expiry, by when
    // the payment has turned out to have gone through, so it is skipped.
    expect(await sendOutbox({ transport })).toMatchObject({ sent: 1, skipped: 0 });
    expect(await sendOutbox({ transport, now: new Date(Date.now() + 16 * 60_000) })).toMatchObject({ sent: 0, skipped: 1 });
    const mail = bySubject("Your payment was refunded");
    expect(mail.envelopeTo).toEqual(["late@example.com"]);
    expect(textOf(mail)).toContain("Hello Lena");
    expect(textOf(mail)).toContain("refunded the full $240.00"); // 2 × 100.00 + 40.00
    expect(textOf(mail)).toContain(longDate(dates.checkIn));
  });

  it("tells a guest whose hold expired at the payment step that nothing was booked", async () => {
    const dates = stay(2);
    const hold = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId, ...dates, guests: 2 }, headers: auth });
    const co = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId: hold.body.holdId, customer: { ...guest, email: "slow@example.com" } }, headers: auth });
    expect(co.status).toBe(200);
    await prisma.hold.update({ where: { id: hold.body.holdId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expireHolds();
    await expireHolds(); // a second run finds nothing to expire and queues nothing
    expect(await sendOutbox({ transport })).toMatchObject({ sent: 0 }); // held back 15 minutes
    expect(await sendOutbox({ transport, now: new Date(Date.now() + 16 * 60_000) })).toMatchObject({ sent: 1 });
    const mail = bySubject("Your reservation hold expired");
    expect(mail.envelopeTo).toEqual(["slow@example.com"]);
    expect(textOf(mail)).toContain("nothing was booked");
  });

  it("queues one pre-arrival email per booking arriving within 3 days, with the owner's arrival instructions", async () => {
    await prisma.propertySettings.update({ where: { id: 1 }, data: { arrivalInstructions: "Gate code 4321.\nPark beside your unit." } });
    const soon = await book(2, guest, 2);
    const later = await book(2, guest, 20);
    const first = await enqueuePreArrivalEmails({ days: 3 });
    expect(first.queued).toBe(1); // every other booking of this file starts 30 or more days out
    const [again, concurrent] = await Promise.all([enqueuePreArrivalEmails({ days: 3 }), enqueuePreArrivalEmails({ days: 3 })]);
    expect(again.queued + concurrent.queued).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { kind: "PRE_ARRIVAL", bookingId: soon.booking.id } })).toBe(1);
    expect(await prisma.outboxMessage.count({ where: { kind: "PRE_ARRIVAL", bookingId: later.booking.id } })).toBe(0);
    await sendOutbox({ transport });
    const mail = bySubject(`See you soon: arrival details for Essex Mail, ${soon.checkIn} (${soon.booking.code})`);
    expect(textOf(mail)).toContain("Gate code 4321.");
    expect(textOf(mail)).toContain("Park beside your unit.");
    expect(textOf(mail)).toMatch(/\/bookings\/manage\/[A-Za-z0-9_-]{43}/);
  });
});
