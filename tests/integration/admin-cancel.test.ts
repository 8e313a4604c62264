import { emulator } from "../support/stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postCancel } from "@/app/api/admin/bookings/[id]/cancel/route";
import { POST as postPreview } from "@/app/api/admin/bookings/[id]/cancellation-preview/route";
import { POST as postRefund } from "@/app/api/admin/bookings/[id]/refunds/route";
import { POST as postCheckout } from "@/app/api/v1/checkout/route";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { addDays, todayIn } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { cancellationPolicies } from "@/prisma/data/cancellation-policy";
import { bearer, callRoute } from "../support/call-route";
import { signedIn } from "../support/admin-session";
import { createRatePlan, createUnit } from "../support/factories";
import { TEST_ORIGIN, TEST_SERVICE_API_KEY } from "../support/test-env";

// Cancelling and refunding from the console: the same services as the API, the staff refund
// limit (STAFF_REFUND_LIMIT_CENTS, default 20 000 cents), and the audit row. Every unit costs
// 10 000 cents a night and there are no fees: a 3-night stay captures 30 000 cents. Stays start
// 60 days from today, inside the 48-hour free-cancellation period, so the policy refunds all.

let owner: Awaited<ReturnType<typeof signedIn>>;
let staff: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  const { unitSlug: _none, ...standard } = cancellationPolicies[0]!;
  await prisma.cancellationPolicy.create({ data: standard });
  owner = await signedIn("OWNER");
  staff = await signedIn("STAFF");
});

async function paidBooking() {
  const unit = await createUnit();
  await createRatePlan({ unitId: unit.id, nightly: 10_000, currency: "USD" });
  const checkIn = addDays(todayIn(process.env.PROPERTY_TIMEZONE!), 60);
  const hold = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId: unit.id, checkIn, checkOut: addDays(checkIn, 3), guests: 2 }, headers: bearer(TEST_SERVICE_API_KEY) });
  expect(hold.status).toBe(201);
  const checkout = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId: hold.body.holdId, customer: { firstName: "Ana", lastName: "Rivera", email: `ana-${unit.id}@example.test` } }, headers: bearer(TEST_SERVICE_API_KEY) });
  expect(checkout.status).toBe(200);
  expect((await emulator.succeed(checkout.body.paymentIntentId)).status).toBe(200);
  const booking = await prisma.booking.findUniqueOrThrow({ where: { holdId: hold.body.holdId } });
  return { booking, paymentIntentId: checkout.body.paymentIntentId as string };
}

const as = (who: { cookie: string }, handler: typeof postCancel, id: string, body: unknown) =>
  callRoute(handler, { path: `/api/admin/bookings/${id}`, params: { id }, body, headers: { cookie: who.cookie, origin: TEST_ORIGIN } });

describe("console cancellations", () => {
  it("previews the policy's refund, then the owner cancels and Stripe refunds it once", async () => {
    const { booking, paymentIntentId } = await paidBooking();
    const preview = await as(owner, postPreview, booking.id, {});
    expect(preview.body).toEqual({ cancellable: true, refundCents: 30_000, refundableCents: 30_000, rule: "grace", currency: "USD" });
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CONFIRMED");

    const res = await as(owner, postCancel, booking.id, { reason: "Guest called to cancel" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "CANCELLED", changed: true, refundCents: 30_000 });
    await emulator.idle();
    expect(emulator.refunds().filter((r) => r.payment_intent === paymentIntentId).map((r) => r.amount)).toEqual([30_000]);
    const audit = await prisma.auditLog.findMany({ where: { entityId: booking.id } });
    expect(audit.map((a) => [a.action, a.actorEmail, a.after])).toEqual([["Booking cancelled", owner.user.email, { status: "CANCELLED", reason: "Guest called to cancel", refundCents: 30_000 }]]);

    // A second click changes nothing: it reports the cancellation's refund, and Stripe still has one.
    const again = await as(owner, postCancel, booking.id, {});
    expect(again.body).toEqual({ status: "CANCELLED", changed: false, refundCents: 30_000 });
    await emulator.idle();
    expect(emulator.refunds().filter((r) => r.payment_intent === paymentIntentId)).toHaveLength(1);
    expect(await prisma.auditLog.count({ where: { entityId: booking.id } })).toBe(1);
  });

  it("lets staff cancel within their refund limit and sends larger refunds to the owner", async () => {
    const { booking } = await paidBooking();
    // The policy would refund 30 000 cents, over the 20 000 staff limit.
    const refused = await as(staff, postCancel, booking.id, {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("Refunds over $200.00 need the owner.");
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CONFIRMED");
    // An explicit refund within the limit is a goodwill decision staff may take.
    const within = await as(staff, postCancel, booking.id, { refundCents: 15_000 });
    expect(within.status).toBe(200);
    expect(within.body).toEqual({ status: "CANCELLED", changed: true, refundCents: 15_000 });
  });

  it("lets only the owner refund part of a payment, within what remains", async () => {
    const { booking } = await paidBooking();
    expect((await as(staff, postRefund, booking.id, { amountCents: 1_000 })).status).toBe(403);
    const ok = await as(owner, postRefund, booking.id, { amountCents: 5_000, reason: "Pool closed one day" });
    expect(ok.status).toBe(201);
    const tooMuch = await as(owner, postRefund, booking.id, { amountCents: 25_001 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.details).toEqual({ refundableCents: 25_000 });
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).refundedCents).toBe(5_000);
  });
});
