import { emulator } from "../support/stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Transporter } from "nodemailer";
import { POST as postManual } from "@/app/api/admin/bookings/route";
import { POST as postQuote } from "@/app/api/admin/bookings/quote/route";
import { POST as postResend } from "@/app/api/admin/bookings/[id]/resend-confirmation/route";
import { POST as postCheckout } from "@/app/api/v1/checkout/route";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { addDays, todayIn, toDbDate, type IsoDate } from "@/lib/dates";
import { getBookingDetail } from "@/lib/server/admin/get-booking-detail";
import { prisma } from "@/lib/server/db/client";
import { sendOutbox } from "@/lib/server/jobs/send-outbox";
import { createMailTransport } from "@/lib/server/notifications/transport";
import { cancellationPolicies } from "@/prisma/data/cancellation-policy";
import { bearer, callRoute } from "../support/call-route";
import { signedIn } from "../support/admin-session";
import { createBooking, createHold, createRatePlan, createUnit } from "../support/factories";
import { startSmtpCatcher, type SmtpCatcher } from "../support/smtp-catcher";
import { TEST_ORIGIN, TEST_SERVICE_API_KEY } from "../support/test-env";

// Manual bookings from the console (#16), in a database of their own. Every unit costs 10 000
// cents a night, the one fee is the 4 000-cent cleaning fee per stay, and one 12% tax applies to
// the nights and the cleaning fee; no seasons. So N nights cost
//   N × 10 000 + 4 000 + 12% of (N × 10 000 + 4 000):
//   3 nights: 30 000 + 4 000 + 4 080 = 38 080;   2 nights: 20 000 + 4 000 + 2 880 = 26 880.
// A property-wide rule asks for at least 3 nights. Stays start 30+ days from today in the
// property's zone, each test on a unit of its own.

const TZ = process.env.PROPERTY_TIMEZONE!;
const start = addDays(todayIn(TZ), 30);
let owner: Awaited<ReturnType<typeof signedIn>>;
let staff: Awaited<ReturnType<typeof signedIn>>;
let catcher: SmtpCatcher;
let transport: Transporter;

beforeAll(async () => {
  const { unitSlug: _none, ...standard } = cancellationPolicies[0]!;
  await prisma.cancellationPolicy.create({ data: standard });
  await prisma.fee.create({ data: { name: "Cleaning Fee", amount: 4_000, perStay: true } });
  await prisma.tax.create({ data: { code: "test-12", name: "Lodging tax", rateBps: 1_200, appliesToNightly: true, appliesToFees: ["Cleaning Fee"] } });
  await prisma.stayRule.create({ data: { name: "Three nights at least", minNights: 3 } });
  owner = await signedIn("OWNER");
  staff = await signedIn("STAFF");
  catcher = await startSmtpCatcher();
  transport = createMailTransport(catcher.url);
});

afterAll(async () => {
  transport?.close();
  await catcher?.close();
});

beforeEach(async () => {
  await deliver();
  catcher.messages.length = 0;
});

async function deliver() {
  await sendOutbox({ transport, now: new Date(Date.now() + 60_000) });
}

async function pricedUnit() {
  const unit = await createUnit({ name: `Cottage ${Math.random().toString(36).slice(2, 7)}` });
  await createRatePlan({ unitId: unit.id, nightly: 10_000, currency: "USD" });
  return unit;
}

const guest = (tag: string) => ({ firstName: "Walter", lastName: "Inn", email: `walter-${tag}@example.test`, phone: "+1 239 555 0199" });

function stay(unitId: string, nights = 3, from: IsoDate = start) {
  return { unitId, checkIn: from, checkOut: addDays(from, nights), guests: 2 };
}

const as = (who: { cookie: string }, handler: typeof postManual, body: unknown, path = "/api/admin/bookings", params?: Record<string, string>) =>
  callRoute(handler, { path, params, body, headers: { cookie: who.cookie, origin: TEST_ORIGIN } });

/** Every row a manual booking could write, to show that a refused one wrote none. */
async function footprint() {
  const [bookings, holds, payments, outbox, audit, customers] = await Promise.all([
    prisma.booking.count(),
    prisma.hold.count(),
    prisma.payment.count(),
    prisma.outboxMessage.count(),
    prisma.auditLog.count(),
    prisma.customer.count(),
  ]);
  return { bookings, holds, payments, outbox, audit, customers };
}

describe("manual booking paid offline", () => {
  it("shows the engine's lines before saving", async () => {
    const unit = await pricedUnit();
    const res = await as(staff, postQuote, stay(unit.id), "/api/admin/bookings/quote");
    expect(res.status).toBe(200);
    expect(res.body.quote.lineItems.map((l: { label: string; amountCents: number }) => [l.label, l.amountCents])).toEqual([
      ["Nightly rate × 3 (3 nights)", 30_000],
      ["Cleaning Fee", 4_000],
      ["Lodging tax (12%)", 4_080],
    ]);
    expect([res.body.quote.totalCents, res.body.engineTotalCents, res.body.overridden]).toEqual([38_080, 38_080, false]);
  });

  it("confirms at once with an offline payment, the engine's split, no Stripe call, and an audit row", async () => {
    const unit = await pricedUnit();
    const stripeCalls = emulator.requests().length;
    const res = await as(staff, postManual, { ...stay(unit.id), guest: guest("cash"), payment: { kind: "offline", method: "cash" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: "booking", totalCents: 38_080, engineTotalCents: 38_080, currency: "USD" });
    expect(res.body.code).toMatch(/^PAC-[A-Z0-9]{6}$/);

    const booking = await prisma.booking.findUniqueOrThrow({ where: { id: res.body.bookingId }, include: { payment: true } });
    expect([booking.status, booking.source, booking.totalCents, booking.engineTotalCents]).toEqual(["CONFIRMED", "CONSOLE", 38_080, 38_080]);
    expect([booking.baseCents, booking.discountCents, booking.feesCents, booking.taxCents]).toEqual([30_000, 0, 4_000, 4_080]);
    expect([booking.guestFirstName, booking.guestLastName, booking.guestPhone, booking.guests, booking.pets]).toEqual(["Walter", "Inn", "+1 239 555 0199", 2, 0]);
    expect(booking.payment).toMatchObject({ provider: "offline", method: "cash", stripeIntentId: null, amountCents: 38_080, status: "succeeded" });
    expect(emulator.requests().length).toBe(stripeCalls);

    const audit = await prisma.auditLog.findMany({ where: { entityType: "Booking", entityId: booking.id } });
    expect(audit.map((a) => [a.action, a.actorEmail])).toEqual([["Manual booking taken, paid offline (cash)", staff.user.email]]);
    expect(audit[0]!.after).toMatchObject({ engineTotalCents: 38_080, totalCents: 38_080, payment: "offline (cash)" });
  });

  it("sends the guest the usual confirmation through the outbox", async () => {
    const unit = await pricedUnit();
    const res = await as(staff, postManual, { ...stay(unit.id), guest: guest("mail"), payment: { kind: "offline", method: "check" } });
    const rows = await prisma.outboxMessage.findMany({ where: { bookingId: res.body.bookingId }, orderBy: { recipient: "asc" } });
    expect(rows.map((r) => [r.kind, r.recipient])).toEqual([["BOOKING_CONFIRMED", "GUEST"], ["BOOKING_CONFIRMED", "OWNER"]]);
    await deliver();
    const toGuest = catcher.messages.filter((m) => m.envelopeTo.includes("walter-mail@example.test"));
    expect(toGuest).toHaveLength(1);
    expect(toGuest[0]!.mail.subject).toContain(res.body.code);
    expect((toGuest[0]!.mail.text ?? "").replace(/\s+/g, " ")).toContain("$380.80");
  });
});

describe("owner override and stay rules", () => {
  it("lets the owner set the total: one adjustment line, both amounts recorded", async () => {
    const unit = await pricedUnit();
    const res = await as(owner, postManual, { ...stay(unit.id), totalOverrideCents: 35_000, guest: guest("deal"), payment: { kind: "offline", method: "card_by_phone" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ totalCents: 35_000, engineTotalCents: 38_080 });
    const booking = await prisma.booking.findUniqueOrThrow({ where: { id: res.body.bookingId }, include: { payment: true } });
    // 38 080 - 35 000 = 3 080 off the nights; fees and tax as the engine quoted them.
    expect([booking.baseCents, booking.discountCents, booking.feesCents, booking.taxCents, booking.totalCents]).toEqual([30_000, 3_080, 4_000, 4_080, 35_000]);
    expect(booking.baseCents - booking.discountCents + booking.feesCents + booking.taxCents).toBe(booking.totalCents);
    expect(booking.lineItems).toContainEqual({ label: "Owner adjustment", amountCents: -3_080, kind: "discount" });
    expect(booking.engineTotalCents).toBe(38_080);
    expect(booking.payment?.amountCents).toBe(35_000);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: booking.id } });
    expect(audit.after).toMatchObject({ engineTotalCents: 38_080, totalCents: 35_000, overrideCents: -3_080 });
  });

  it("refuses an override below the fees and taxes, naming the minimum", async () => {
    const unit = await pricedUnit();
    const res = await as(owner, postQuote, { ...stay(unit.id), totalOverrideCents: 8_000 }, "/api/admin/bookings/quote");
    // Fees 4 000 + tax 4 080 = 8 080.
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: "totalOverrideCents", message: "The total cannot be less than the fees and taxes, 80.80." }]);
  });

  it("refuses staff an override of the total, writing nothing", async () => {
    const unit = await pricedUnit();
    const before = await footprint();
    const res = await as(staff, postManual, { ...stay(unit.id), totalOverrideCents: 35_000, guest: guest("staff-deal"), payment: { kind: "offline", method: "cash" } });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "FORBIDDEN", message: "Only the owner can set the total of a booking." });
    expect(await footprint()).toEqual(before);
  });

  it("holds staff to the stay rules and lets the owner waive them, recording which", async () => {
    const unit = await pricedUnit();
    const short = { ...stay(unit.id, 2), payment: { kind: "offline", method: "cash" } };
    const asStaff = await as(staff, postManual, { ...short, guest: guest("short-staff") });
    expect(asStaff.status).toBe(422);
    expect(asStaff.body.error.details.rule).toBe("MIN_NIGHTS");
    expect((await as(staff, postManual, { ...short, waiveRules: true, guest: guest("short-staff") })).status).toBe(403);

    const asOwner = await as(owner, postManual, { ...short, waiveRules: true, guest: guest("short-owner") });
    expect(asOwner.status).toBe(201);
    expect(asOwner.body.totalCents).toBe(26_880);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: asOwner.body.bookingId } });
    expect(audit.after).toMatchObject({ waivedRule: "MIN_NIGHTS" });
  });
});

describe("manual booking over taken nights", () => {
  it("answers 409 naming the booking in the way, and writes nothing", async () => {
    const unit = await pricedUnit();
    const existing = await createBooking({ unitId: unit.id, checkIn: addDays(start, 1), checkOut: addDays(start, 4) });
    const code = (await prisma.booking.findUniqueOrThrow({ where: { id: existing.id } })).code;
    const before = await footprint();
    const res = await as(owner, postManual, { ...stay(unit.id), guest: guest("late"), payment: { kind: "offline", method: "cash" } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("UNAVAILABLE");
    expect(res.body.error.message).toBe(`These nights overlap booking ${code} (Test Guest) from ${addDays(start, 1)} to ${addDays(start, 4)}.`);
    expect(res.body.error.details.stays).toEqual([{ kind: "booking", id: existing.id, start: addDays(start, 1), end: addDays(start, 4), label: `booking ${code} (Test Guest)` }]);
    expect(await footprint()).toEqual(before);
  });

  it("answers 409 naming a guest's live hold", async () => {
    const unit = await pricedUnit();
    const hold = await createHold({ unitId: unit.id, checkIn: start, checkOut: addDays(start, 2) });
    const before = await footprint();
    const res = await as(owner, postManual, { ...stay(unit.id), guest: guest("hold"), payment: { kind: "link" } });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(`These nights overlap a guest's hold being paid for (hold ${hold.id}) from ${start} to ${addDays(start, 2)}.`);
    expect(await footprint()).toEqual(before);
  });

  it("answers 409 naming an owner block with its reason", async () => {
    const unit = await pricedUnit();
    await prisma.block.create({ data: { unitId: unit.id, kind: "OWNER", startDate: toDbDate(addDays(start, 2)), endDate: toDbDate(addDays(start, 5)), reason: "roof repairs" } });
    const before = await footprint();
    const res = await as(owner, postManual, { ...stay(unit.id), waiveRules: true, guest: guest("block"), payment: { kind: "offline", method: "cash" } });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(`These nights overlap an owner block (roof repairs) from ${addDays(start, 2)} to ${addDays(start, 5)}.`);
    expect(await footprint()).toEqual(before);
  });

  it("lets exactly one of a manual booking and a guest's hold for the same nights win", async () => {
    for (let round = 0; round < 3; round++) {
      const unit = await pricedUnit();
      const [manual, hold] = await Promise.all([
        as(staff, postManual, { ...stay(unit.id), guest: guest(`race-${round}`), payment: { kind: "offline", method: "cash" } }),
        callRoute(postHold, { path: "/api/v1/holds", body: stay(unit.id), headers: bearer(TEST_SERVICE_API_KEY) }),
      ]);
      expect([manual.status, hold.status].sort()).toEqual([201, 409]);
      const taken = await prisma.$queryRaw<Array<{ n: bigint }>>`
        SELECT (SELECT count(*) FROM "Booking" WHERE "unitId" = ${unit.id} AND status = 'CONFIRMED')
             + (SELECT count(*) FROM "Hold" WHERE "unitId" = ${unit.id} AND status = 'ACTIVE') AS n`;
      expect(Number(taken[0]!.n)).toBe(1);
    }
  });
});

describe("manual booking by payment link", () => {
  it("holds the nights for 48 hours at the agreed price and emails the guest the checkout link", async () => {
    const unit = await pricedUnit();
    const before = Date.now();
    const res = await as(owner, postManual, { ...stay(unit.id), totalOverrideCents: 36_000, guest: guest("link"), payment: { kind: "link" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: "payment-link", totalCents: 36_000, engineTotalCents: 38_080, url: `${TEST_ORIGIN}/checkout?holdId=${res.body.holdId}` });
    const hold = await prisma.hold.findUniqueOrThrow({ where: { id: res.body.holdId } });
    expect(hold.status).toBe("ACTIVE");
    const ttlHours = (hold.expiresAt.getTime() - before) / 3_600_000;
    expect(ttlHours).toBeGreaterThan(47.99);
    expect(ttlHours).toBeLessThanOrEqual(48.01);
    expect(await prisma.booking.count({ where: { unitId: unit.id } })).toBe(0);

    await deliver();
    const mails = catcher.messages.filter((m) => m.envelopeTo.includes("walter-link@example.test"));
    expect(mails).toHaveLength(1);
    const text = (mails[0]!.mail.text ?? "").replace(/\s+/g, " ");
    expect(text).toContain(`${TEST_ORIGIN}/checkout?holdId=${hold.id}`);
    expect(text).toContain("$360.00");
  });

  it("books exactly once at the agreed price when the guest pays, keeping the console's origin", async () => {
    const unit = await pricedUnit();
    // Two nights, under the three-night minimum: the owner waived it, so checkout must not re-judge it.
    const res = await as(owner, postManual, { ...stay(unit.id, 2), waiveRules: true, totalOverrideCents: 25_000, guest: guest("pays"), payment: { kind: "link" } });
    expect(res.status).toBe(201);
    const holdId = res.body.holdId as string;
    const checkout = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId, customer: guest("pays") }, headers: bearer(TEST_SERVICE_API_KEY) });
    expect(checkout.status).toBe(200);
    expect(checkout.body.amountCents).toBe(25_000);
    expect((await emulator.succeed(checkout.body.paymentIntentId)).status).toBe(200);

    const bookings = await prisma.booking.findMany({ where: { unitId: unit.id }, include: { payment: true } });
    expect(bookings).toHaveLength(1);
    const booking = bookings[0]!;
    // 26 880 - 25 000 = 1 880 off the nights.
    expect([booking.holdId, booking.status, booking.source, booking.totalCents, booking.engineTotalCents]).toEqual([holdId, "CONFIRMED", "CONSOLE", 25_000, 26_880]);
    expect([booking.baseCents, booking.discountCents, booking.feesCents, booking.taxCents]).toEqual([20_000, 1_880, 4_000, 2_880]);
    expect(booking.payment).toMatchObject({ provider: "stripe", stripeIntentId: checkout.body.paymentIntentId, amountCents: 25_000 });
    expect((await prisma.hold.findUniqueOrThrow({ where: { id: holdId } })).status).toBe("CONVERTED");

    const detail = await getBookingDetail({ bookingId: booking.id });
    expect(detail.history.map((h) => h.what)).toContain("Manual booking: payment link sent");
    expect(detail.emails.map((e) => [e.kind, e.to])).toEqual(expect.arrayContaining([["payment link", "walter-pays@example.test"], ["confirmation", "walter-pays@example.test"]]));
  });
});

describe("resend confirmation", () => {
  async function offlineBooking(tag: string) {
    const unit = await pricedUnit();
    const res = await as(staff, postManual, { ...stay(unit.id), guest: guest(tag), payment: { kind: "offline", method: "cash" } });
    expect(res.status).toBe(201);
    await deliver();
    catcher.messages.length = 0;
    return res.body.bookingId as string;
  }

  const resend = (bookingId: string, requestKey: string) =>
    as(staff, postResend, { requestKey }, `/api/admin/bookings/${bookingId}/resend-confirmation`, { id: bookingId });

  it("sends the guest one more confirmation and logs who asked", async () => {
    const bookingId = await offlineBooking("resend");
    const res = await resend(bookingId, "form-key-0001");
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ queued: true });
    await deliver();
    const mails = catcher.messages.filter((m) => m.envelopeTo.includes("walter-resend@example.test"));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.mail.subject).toMatch(/PAC-/);
    expect(catcher.messages).toHaveLength(1); // no second owner alert
    const audit = await prisma.auditLog.findMany({ where: { entityId: bookingId, action: "Confirmation sent again" } });
    expect(audit.map((a) => a.actorEmail)).toEqual([staff.user.email]);
  });

  it("sends once for a double click (the same form key twice, even at once)", async () => {
    const bookingId = await offlineBooking("double");
    const [a, b] = await Promise.all([resend(bookingId, "form-key-0002"), resend(bookingId, "form-key-0002")]);
    expect([a.body.queued, b.body.queued].sort()).toEqual([false, true]);
    expect((await resend(bookingId, "form-key-0002")).body).toEqual({ queued: false });
    await deliver();
    expect(catcher.messages.filter((m) => m.envelopeTo.includes("walter-double@example.test"))).toHaveLength(1);
    expect(await prisma.auditLog.count({ where: { entityId: bookingId, action: "Confirmation sent again" } })).toBe(1);
  });

  it("shows the emails of the booking with recipient, status and sent time", async () => {
    const bookingId = await offlineBooking("history");
    await resend(bookingId, "form-key-0003");
    const detail = await getBookingDetail({ bookingId });
    // Newest first: the resend (still pending), then the two sent at booking time.
    const rows = detail.emails.map((e) => [e.kind, e.to, e.status, e.sentAt !== null]);
    expect(rows[0]).toEqual(["confirmation", "walter-history@example.test", "PENDING", false]);
    expect(rows.slice(1).sort()).toEqual([
      ["confirmation", "owner", "SENT", true],
      ["confirmation", "walter-history@example.test", "SENT", true],
    ]);
  });
});
