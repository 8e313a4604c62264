import { emulator, webhookUrl } from "../support/stripe";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { POST as postCheckout } from "@/app/api/v1/checkout/route";
import { POST as postQuote } from "@/app/api/v1/quote/route";
import { POST as postCancel } from "@/app/api/v1/bookings/cancel/route";
import { POST as postCancellationQuote } from "@/app/api/v1/bookings/[id]/cancellation-quote/route";
import { POST as postRefund } from "@/app/api/v1/bookings/[id]/refunds/route";
import { GET as getIcal } from "@/app/api/v1/units/[id]/ical.ics/route";
import { now } from "@/lib/clock";
import { addDays, todayIn } from "@/lib/dates";
import { decideCancellation } from "@/lib/server/bookings/cancel-booking";
import { prisma } from "@/lib/server/db/client";
import { withSerializableRetry } from "@/lib/server/db/with-serializable-retry";
import { runDueJobs } from "@/lib/server/jobs/run-due-jobs";
import { sendRefundToStripe } from "@/lib/server/refunds/submit-refund";
import { cancellationPolicies } from "@/prisma/data/cancellation-policy";
import { bearer, callRoute } from "../support/call-route";
import { createRatePlan, createUnit } from "../support/factories";
import { TEST_OWNER_API_KEY, TEST_SERVICE_API_KEY } from "../support/test-env";

// Cancellation and refunds end to end: hold -> checkout -> Stripe emulator -> signed webhook ->
// booking with its policy snapshot -> cancel -> refund at the emulator -> refund webhooks.
// Every unit here costs 10 000 cents a night; the one fee is a 4 000-cent cleaning fee; there are
// no seasons. A 3-night stay: nightly 30 000 + fees 4 000 = 34 000 captured.
// Stays are 60 days from today (property time), so the 48 h grace period applies at booking.

const service = bearer(TEST_SERVICE_API_KEY);
const owner = bearer(TEST_OWNER_API_KEY);
const TZ = "America/New_York";
const guest = { firstName: "Ana", lastName: "Rivera", email: "ana@example.com" };

beforeAll(async () => {
  const { unitSlug: _none, ...standard } = cancellationPolicies[0]!;
  await prisma.cancellationPolicy.create({ data: standard });
  await prisma.fee.create({ data: { name: "Cleaning Fee", amount: 4_000, perStay: true } });
});

afterEach(() => {
  emulator.setWebhookUrl(webhookUrl);
});

function stayDates(daysAhead = 60, nights = 3) {
  const checkIn = addDays(todayIn(TZ, now()), daysAhead);
  return { checkIn, checkOut: addDays(checkIn, nights) };
}

/** A booked and paid 3-night stay on a unit of its own. */
async function bookedStay(daysAhead = 60) {
  const unit = await createUnit();
  await createRatePlan({ unitId: unit.id, nightly: 10_000, currency: "USD" });
  const { checkIn, checkOut } = stayDates(daysAhead);
  const hold = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId: unit.id, checkIn, checkOut, guests: 2 }, headers: service });
  expect(hold.status).toBe(201);
  const checkout = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId: hold.body.holdId, customer: guest }, headers: service });
  expect(checkout.status).toBe(200);
  expect((await emulator.succeed(checkout.body.paymentIntentId)).status).toBe(200);
  const booking = await prisma.booking.findUniqueOrThrow({ where: { holdId: hold.body.holdId } });
  return { unit, booking, checkIn, checkOut, paymentIntentId: checkout.body.paymentIntentId as string, checkout: checkout.body };
}

function cancel(body: Record<string, unknown>, headers = service) {
  return callRoute(postCancel, { path: "/api/v1/bookings/cancel", body, headers });
}

const refundsAt = (paymentIntentId: string) => emulator.refunds().filter((r) => r.payment_intent === paymentIntentId);

/** Noon UTC on the day `days` before check-in: well inside one tier whatever the DST state. */
const daysBefore = (checkIn: string, days: number) => new Date(`${addDays(checkIn, -days)}T12:00:00Z`);

describe("the policy before payment", () => {
  it("the quote states it in plain words with the actual dates", async () => {
    const unit = await createUnit();
    await createRatePlan({ unitId: unit.id, nightly: 10_000, currency: "USD" });
    const { checkIn, checkOut } = stayDates(60);
    const res = await callRoute(postQuote, { path: "/api/v1/quote", body: { unitId: unit.id, checkIn, checkOut } });
    expect(res.status).toBe(200);
    const policy = res.body.cancellationPolicy;
    const day = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-US", { timeZone: "UTC", month: "short", day: "numeric", year: "numeric" });
    expect(policy.name).toBe("Standard");
    expect(policy.summary[0]).toBe("Full refund if you cancel within 48 hours of booking.");
    expect(policy.summary[1]).toMatch(new RegExp(`^Full refund if you cancel before ${day(addDays(checkIn, -30))} at 3:00 PM E[SD]T\\.$`));
    expect(policy.summary[2]).toMatch(
      new RegExp(`^Refund of 50% of the nightly charges plus all fees and taxes if you cancel before ${day(addDays(checkIn, -14))} at 3:00 PM E[SD]T\\.$`),
    );
    expect(policy.deadlines.map((d: { daysBefore: number; refundPct: number }) => [d.daysBefore, d.refundPct])).toEqual([
      [30, 100],
      [14, 50],
      [0, 0],
    ]);
  });

  it("checkout shows the terms and the booking keeps exactly them, with the amounts split", async () => {
    const { booking, checkout } = await bookedStay();
    const snapshot = booking.cancellationPolicy as Record<string, any>;
    expect(snapshot.summary).toEqual(checkout.cancellationPolicy.summary);
    expect(snapshot.deadlines).toEqual(checkout.cancellationPolicy.deadlines);
    // 3 x 10 000 nightly; 34 000 - 30 000 = 4 000 fees and taxes.
    expect(snapshot.amounts).toEqual({ totalCents: 34_000, nightlyCents: 30_000, feesAndTaxesCents: 4_000, currency: "USD" });
    expect(new Date(snapshot.graceEndsAt).getTime() - new Date(snapshot.bookedAt).getTime()).toBe(48 * 3_600_000);
  });

  it("a later policy change never changes an existing booking's terms", async () => {
    const { booking, checkIn } = await bookedStay();
    const { previewCancellation } = await import("@/lib/server/bookings/cancel-booking");
    await prisma.cancellationPolicy.update({ where: { name: "Standard" }, data: { tiers: [{ daysBefore: 0, refundPct: 0 }], refundFeesBeforeArrival: false } });
    try {
      const preview = await previewCancellation({ bookingId: booking.id, actor: { kind: "guest" }, now: daysBefore(checkIn, 20) });
      const res = { body: { cancellationPolicy: preview.snapshot, quote: preview.quote } };
      // The booking's snapshot still has the three tiers it was sold with, and its summary.
      expect(res.body.cancellationPolicy.deadlines.map((d: { daysBefore: number }) => d.daysBefore)).toEqual([30, 14, 0]);
      expect(res.body.quote).toMatchObject({ rule: "tier", refundPct: 50, refundCents: 19_000 });
    } finally {
      await prisma.cancellationPolicy.update({ where: { name: "Standard" }, data: { tiers: cancellationPolicies[0]!.tiers, refundFeesBeforeArrival: true } });
    }
  });
});

describe("POST /api/v1/bookings/{id}/cancellation-quote", () => {
  it("returns the refund a cancellation would give now and changes nothing", async () => {
    const { booking } = await bookedStay();
    const res = await callRoute(postCancellationQuote, { path: `/api/v1/bookings/${booking.id}/cancellation-quote`, method: "POST", params: { id: booking.id }, headers: service });
    expect(res.status).toBe(200);
    // Within 48 h of booking, 60 days ahead: everything back.
    expect(res.body).toMatchObject({
      bookingId: booking.id,
      status: "CONFIRMED",
      cancellable: true,
      quote: { refundCents: 34_000, rule: "grace", refundPct: 100, nightlyRefundCents: 30_000, feesAndTaxesRefundCents: 4_000, refundableCents: 34_000 },
    });
    const row = await prisma.booking.findUniqueOrThrow({ where: { id: booking.id }, include: { refunds: true } });
    expect(row.status).toBe("CONFIRMED");
    expect(row.refunds).toEqual([]);
  });

  it("404 for an unknown booking, 401 without a key", async () => {
    const unknown = await callRoute(postCancellationQuote, { path: "/api/v1/bookings/nope/cancellation-quote", method: "POST", params: { id: "nope" }, headers: service });
    expect(unknown.status).toBe(404);
    const anonymous = await callRoute(postCancellationQuote, { path: "/api/v1/bookings/nope/cancellation-quote", method: "POST", params: { id: "nope" } });
    expect(anonymous.status).toBe(401);
  });
});

describe("POST /api/v1/bookings/cancel", () => {
  it("in the grace period refunds everything once, frees the nights and drops the stay from iCal", async () => {
    const { unit, booking, paymentIntentId, checkIn, checkOut } = await bookedStay();
    const res = await cancel({ bookingId: booking.id, reason: "Change of plans" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      bookingId: booking.id,
      status: "CANCELLED",
      cancelledBy: "guest",
      cancelReason: "Change of plans",
      changed: true,
      refundedCents: 34_000,
      refund: { sequence: 1, amountCents: 34_000, kind: "cancellation", status: "succeeded", requestedBy: "guest" },
      quote: { rule: "grace", refundCents: 34_000 },
    });
    const refunds = refundsAt(paymentIntentId);
    expect(refunds.map((r) => r.amount)).toEqual([34_000]);
    expect(emulator.requests().filter((r) => r.path === "/v1/refunds" && r.method === "POST").at(-1)?.idempotencyKey).toBe(`booking-refund:${booking.id}:1`);

    const again = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId: unit.id, checkIn, checkOut, guests: 2 }, headers: service });
    expect(again.status).toBe(201);
    const ical = await callRoute(getIcal, { path: `/api/v1/units/${unit.slug}/ical.ics`, params: { id: unit.slug } });
    expect(ical.status).toBe(200);
    expect(ical.text).not.toContain("BEGIN:VEVENT");
  });

  it("20 to 29 days before check-in refunds 50% of the nights plus the fees; cancelling twice gives one refund", async () => {
    const { booking, paymentIntentId, checkIn } = await bookedStay();
    const now = daysBefore(checkIn, 20);
    const { cancelBooking } = await import("@/lib/server/bookings/cancel-booking");
    const first = await cancelBooking({ bookingId: booking.id, actor: { kind: "chatbot" }, reason: "Guest asked the bot", now });
    // 50% of 30 000 = 15 000, + 4 000 fees = 19 000.
    expect(first).toMatchObject({ changed: true, cancelledBy: "CHATBOT", refundedCents: 19_000, quote: { rule: "tier", refundPct: 50, refundCents: 19_000 } });
    const second = await cancelBooking({ bookingId: booking.id, actor: { kind: "guest" }, reason: "again", now });
    expect(second).toMatchObject({ changed: false, cancelledBy: "CHATBOT", cancelReason: "Guest asked the bot", refundedCents: 19_000 });
    expect(refundsAt(paymentIntentId).map((r) => r.amount)).toEqual([19_000]);
    expect(await prisma.bookingRefund.count({ where: { bookingId: booking.id } })).toBe(1);
  });

  it("under 14 days before check-in refunds only the fees and taxes; after check-in nothing", async () => {
    const late = await bookedStay();
    const { cancelBooking } = await import("@/lib/server/bookings/cancel-booking");
    const fees = await cancelBooking({ bookingId: late.booking.id, actor: { kind: "guest" }, now: daysBefore(late.checkIn, 5) });
    expect(fees.refundedCents).toBe(4_000);
    const gone = await bookedStay();
    const none = await cancelBooking({ bookingId: gone.booking.id, actor: { kind: "guest" }, now: new Date(`${addDays(gone.checkIn, 1)}T12:00:00Z`) });
    expect(none).toMatchObject({ status: "CANCELLED", refund: null, refundedCents: 0, quote: { rule: "after_arrival", refundCents: 0 } });
    expect(refundsAt(gone.paymentIntentId)).toEqual([]);
  });

  it("20 concurrent cancels: one cancellation, one refund", async () => {
    const { booking, paymentIntentId } = await bookedStay();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => cancel({ bookingId: booking.id, reason: `click ${i}` })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(results.filter((r) => r.body.changed === true)).toHaveLength(1);
    expect(refundsAt(paymentIntentId).map((r) => r.amount)).toEqual([34_000]);
    const [row] = await prisma.$queryRaw<Array<{ refunds: bigint; sum: bigint; refunded: number }>>`
      SELECT count(r.*) AS refunds, coalesce(sum(r."amountCents"), 0) AS sum, b."refundedCents" AS refunded
        FROM "Booking" b LEFT JOIN "BookingRefund" r ON r."bookingId" = b.id
       WHERE b.id = ${booking.id} GROUP BY b.id`;
    expect(row).toEqual({ refunds: 1n, sum: 34_000n, refunded: 34_000 });
  });

  it("a crash between the recorded decision and the Stripe call: the next attempt completes the same refund", async () => {
    const { booking, paymentIntentId, unit } = await bookedStay();
    // Phase 1 only, as a process that died right after committing it would leave things.
    const now = new Date();
    await withSerializableRetry((tx) => decideCancellation(tx, { id: booking.id, unitId: unit.id }, { bookingId: booking.id, actor: { kind: "guest" } }, now));
    expect(refundsAt(paymentIntentId)).toEqual([]);
    expect((await prisma.bookingRefund.findFirstOrThrow({ where: { bookingId: booking.id } })).status).toBe("PENDING");

    const next = await cancel({ bookingId: booking.id });
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ changed: false, refund: { amountCents: 34_000, status: "succeeded" } });
    expect(refundsAt(paymentIntentId)).toHaveLength(1);
  });

  it("a crash after the Stripe call but before recording its answer: the job records the same refund, no second one", async () => {
    const { booking, paymentIntentId, unit } = await bookedStay();
    const now = new Date();
    const decided = await withSerializableRetry((tx) =>
      decideCancellation(tx, { id: booking.id, unitId: unit.id }, { bookingId: booking.id, actor: { kind: "guest" } }, now),
    );
    if (!decided.changed || !decided.refund) throw new Error("expected a refund decision");
    const sent = await sendRefundToStripe(decided.refund, paymentIntentId); // ... and the process dies here
    const report = await runDueJobs({ now: new Date(now.getTime() + 5 * 60_000), only: ["resume-refunds"] });
    expect(report["resume-refunds"]).toMatchObject({ resumed: expect.any(Number) });
    expect(refundsAt(paymentIntentId).map((r) => r.id)).toEqual([sent.id]);
    const row = await prisma.bookingRefund.findFirstOrThrow({ where: { bookingId: booking.id } });
    expect(row).toMatchObject({ status: "SUCCEEDED", stripeRefundId: sent.id });
  });

  it("the chatbot says it is the chatbot; only the owner may set the amount", async () => {
    const { booking } = await bookedStay();
    const forbidden = await cancel({ bookingId: booking.id, refundCents: 100 });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe("FORBIDDEN");
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CONFIRMED");
    const res = await cancel({ bookingId: booking.id, actor: "chatbot" });
    expect(res.body.cancelledBy).toBe("chatbot");
  });

  it("the owner sets the amount; above what remains refundable is a 400 that changes nothing", async () => {
    const { booking, paymentIntentId } = await bookedStay();
    const tooMuch = await cancel({ bookingId: booking.id, refundCents: 34_001, reason: "goodwill" }, owner);
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error).toMatchObject({ code: "REFUND_TOO_LARGE", details: { refundableCents: 34_000 } });
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CONFIRMED");

    const res = await cancel({ bookingId: booking.id, refundCents: 5_000, reason: "no-show, partial goodwill" }, owner);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cancelledBy: "owner", refund: { amountCents: 5_000, requestedBy: "owner" }, quote: { rule: "owner" } });
    expect(refundsAt(paymentIntentId).map((r) => r.amount)).toEqual([5_000]);
  });
});

describe("POST /api/v1/bookings/{id}/refunds (owner)", () => {
  const refund = (id: string, body: Record<string, unknown>, headers = owner) =>
    callRoute(postRefund, { path: `/api/v1/bookings/${id}/refunds`, params: { id }, body, headers });

  it("refunds part of a stay, bounded by what remains; the service key may not", async () => {
    const { booking, paymentIntentId } = await bookedStay();
    expect((await refund(booking.id, { amountCents: 100 }, service)).status).toBe(403);
    const first = await refund(booking.id, { amountCents: 10_000, reason: "Damage deposit returned" });
    expect(first.status).toBe(201);
    expect(first.body.refund).toMatchObject({ sequence: 1, amountCents: 10_000, kind: "owner", status: "succeeded" });
    // 34 000 - 10 000 = 24 000 left.
    const over = await refund(booking.id, { amountCents: 24_001 });
    expect(over.status).toBe(400);
    expect(over.body.error.details).toEqual({ refundableCents: 24_000 });
    expect((await refund(booking.id, { amountCents: 24_000 })).status).toBe(201);
    expect(refundsAt(paymentIntentId).map((r) => r.amount).sort()).toEqual([10_000, 24_000]);
    expect((await refund(booking.id, { amountCents: 1 })).status).toBe(409);
  });

  it("20 concurrent refunds of 2 000 on 34 000 captured: 17 succeed, the sum never exceeds what was captured", async () => {
    const { booking, paymentIntentId } = await bookedStay();
    const results = await Promise.all(Array.from({ length: 20 }, () => refund(booking.id, { amountCents: 2_000 })));
    const statuses = results.map((r) => r.status).sort();
    // 34 000 / 2 000 = 17 refunds fit; the other 3 find nothing left (400 while some remains, 409 at 0).
    expect(statuses.filter((s) => s === 201)).toHaveLength(17);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 400 || s === 409)).toBe(true);
    expect(refundsAt(paymentIntentId).reduce((sum, r) => sum + r.amount, 0)).toBe(34_000);
    const row = await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(row.refundedCents).toBe(34_000);
  });
});

describe("a guest's cancel racing the owner's refund", () => {
  it("whichever commits first, the refunds add up to what was captured and no more", async () => {
    const { booking, paymentIntentId } = await bookedStay();
    const [cancelled, refunded] = await Promise.all([
      cancel({ bookingId: booking.id }),
      callRoute(postRefund, { path: `/api/v1/bookings/${booking.id}/refunds`, params: { id: booking.id }, body: { amountCents: 10_000 }, headers: owner }),
    ]);
    expect(cancelled.status).toBe(200);
    // Owner first: 10 000, then the cancellation refunds the 24 000 left. Cancel first: 34 000, and
    // the owner's refund finds nothing left (409).
    if (refunded.status === 201) expect(cancelled.body.refund.amountCents).toBe(24_000);
    else expect([refunded.status, cancelled.body.refund.amountCents]).toEqual([409, 34_000]);
    expect(refundsAt(paymentIntentId).reduce((sum, r) => sum + r.amount, 0)).toBe(34_000);
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).refundedCents).toBe(34_000);
  });
});

describe("refund webhooks", () => {
  it("a dashboard refund is recorded against its booking once, across redeliveries", async () => {
    const { booking, paymentIntentId } = await bookedStay();
    const delivery = await emulator.dashboardRefund(paymentIntentId, 7_000);
    expect(delivery.status).toBe(200);
    expect(await emulator.deliver(delivery.event)).toMatchObject({ status: 200 });
    expect(await emulator.deliver(delivery.event)).toMatchObject({ status: 200 });
    const rows = await prisma.bookingRefund.findMany({ where: { bookingId: booking.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "DASHBOARD", amountCents: 7_000, status: "SUCCEEDED", stripeRefundId: delivery.refund.id });
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).refundedCents).toBe(7_000);

    // A cancellation afterwards refunds at most what is left: 34 000 - 7 000 = 27 000.
    const res = await cancel({ bookingId: booking.id });
    expect(res.body.refund.amountCents).toBe(27_000);
  });

  it("a refund that fails later is flagged for the owner and its amount becomes refundable again, once", async () => {
    const { booking, paymentIntentId } = await bookedStay();
    const res = await cancel({ bookingId: booking.id });
    expect(res.body.refundedCents).toBe(34_000);
    const [stripeRefund] = refundsAt(paymentIntentId);
    const failed = await emulator.failRefund(stripeRefund!.id);
    expect(failed.status).toBe(200);
    expect((await emulator.deliver(failed.event)).status).toBe(200);
    const row = await prisma.bookingRefund.findFirstOrThrow({ where: { bookingId: booking.id } });
    expect(row).toMatchObject({ status: "FAILED", needsAttention: true, failureReason: "expired_or_canceled_card" });
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).refundedCents).toBe(0);
  });
});

describe("the database's last word", () => {
  it("refuses refundedCents above what the booking was paid", async () => {
    const { booking } = await bookedStay();
    await expect(prisma.booking.update({ where: { id: booking.id }, data: { refundedCents: 34_001 } })).rejects.toThrow(/Booking_refunded_within_paid/);
    await expect(prisma.booking.update({ where: { id: booking.id }, data: { refundedCents: -1 } })).rejects.toThrow(/Booking_refunded_within_paid/);
  });
});
