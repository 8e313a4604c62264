import { emulator } from "../support/stripe";
import { describe, expect, it } from "vitest";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { POST as postCheckout } from "@/app/api/v1/checkout/route";
import { GET as getJobs, POST as postJobs } from "@/app/api/internal/jobs/route";
import { addDays, todayIn } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { bearer, callRoute } from "../support/call-route";
import { createRatePlan, createUnit } from "../support/factories";
import { TEST_CRON_SECRET, TEST_SERVICE_API_KEY } from "../support/test-env";

// The jobs route run twice at once while a refund decision is waiting for its Stripe call (the
// process that decided it died before calling Stripe): the resume-refunds job of both runs may
// pick it up, and the guest must still be refunded exactly once.

const service = bearer(TEST_SERVICE_API_KEY);
const guest = { firstName: "Ana", lastName: "Rivera", email: "ana.jobs@example.com" };

describe("/api/internal/jobs with a refund to resume", () => {
  it("two concurrent runs refund the guest once", async () => {
    // A paid 3-night stay at 10 000 cents a night: 30 000 captured.
    const unit = await createUnit();
    await createRatePlan({ unitId: unit.id, nightly: 10_000, currency: "USD" });
    const checkIn = addDays(todayIn("America/New_York"), 60);
    const hold = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId: unit.id, checkIn, checkOut: addDays(checkIn, 3), guests: 2 }, headers: service });
    expect(hold.status).toBe(201);
    const checkout = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId: hold.body.holdId, customer: guest }, headers: service });
    expect(checkout.status).toBe(200);
    expect((await emulator.succeed(checkout.body.paymentIntentId)).status).toBe(200);
    const booking = await prisma.booking.findUniqueOrThrow({ where: { holdId: hold.body.holdId } });
    expect(booking.totalCents).toBe(30_000);

    // Phase 1 of an owner's 7 500-cent refund, recorded two minutes ago; phase 2 never ran.
    const decided = await prisma.$transaction(async (tx) => {
      await tx.booking.update({ where: { id: booking.id }, data: { refundedCents: 7_500 } });
      return tx.bookingRefund.create({
        data: {
          bookingId: booking.id,
          sequence: 1,
          amountCents: 7_500,
          kind: "OWNER",
          idempotencyKey: `booking-refund:${booking.id}:1`,
          requestedAt: new Date(Date.now() - 120_000),
        },
      });
    });

    const [a, b] = await Promise.all([
      callRoute(getJobs, { path: "/api/internal/jobs", headers: bearer(TEST_CRON_SECRET) }),
      callRoute(postJobs, { path: "/api/internal/jobs", method: "POST", headers: bearer(TEST_CRON_SECRET) }),
    ]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);

    // Stripe (the emulator) holds exactly one refund for the payment, of 7 500 cents.
    const refunds = emulator.refunds().filter((r) => r.payment_intent === checkout.body.paymentIntentId);
    expect(refunds.map((r) => r.amount)).toEqual([7_500]);
    const row = await prisma.bookingRefund.findUniqueOrThrow({ where: { id: decided.id } });
    expect(row.stripeRefundId).toBe(refunds[0]!.id);
    expect(row.status).not.toBe("PENDING");
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).refundedCents).toBe(7_500);

    // A third run finds nothing left to do and sends nothing.
    const again = await callRoute(getJobs, { path: "/api/internal/jobs", headers: bearer(TEST_CRON_SECRET) });
    expect(again.body.jobs["resume-refunds"]).toEqual({ resumed: 0, pending: 0 });
    expect(emulator.refunds().filter((r) => r.payment_intent === checkout.body.paymentIntentId)).toHaveLength(1);
  });
});
