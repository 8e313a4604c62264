import { emulator, webhookUrl } from "../support/stripe";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { POST as postCheckout } from "@/app/api/v1/checkout/route";
import { GET as expireRoute } from "@/app/api/internal/expire-holds/route";
import { addDays, todayIn } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { getStripe } from "@/lib/server/stripe";
import { bearer, callRoute } from "../support/call-route";
import { createRatePlan, createUnit } from "../support/factories";
import { TEST_CRON_SECRET, TEST_SERVICE_API_KEY } from "../support/test-env";

// The payment path's defences: a signed payment books only the PaymentIntent recorded on the
// hold, for the amount and currency checkout asked; an expired hold's PaymentIntent is cancelled
// at Stripe; a PaymentIntent deleted at Stripe is replaced; a Stripe that never answers is a 502
// with Retry-After within the deadline. A night here costs 10 000 cents (no seasons, no fees).

const auth = bearer(TEST_SERVICE_API_KEY);
const guest = { firstName: "Ana", lastName: "Rivera", email: "ana@example.com" };
let unitId: string;
let day = 0;
let base: string;

beforeAll(async () => {
  const unit = await createUnit();
  unitId = unit.id;
  await createRatePlan({ unitId, nightly: 10_000, currency: "USD" });
  base = addDays(todayIn("America/New_York"), 15);
});

afterEach(() => {
  emulator.setHang(false);
  emulator.setWebhookUrl(webhookUrl);
});

/** A fresh two-night stay each call, so tests never collide. */
function nextStay() {
  const checkIn = addDays(base, day);
  day += 3;
  return { checkIn, checkOut: addDays(checkIn, 2) };
}

async function placeHold() {
  const res = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId, ...nextStay(), guests: 2 }, headers: auth });
  expect(res.status).toBe(201);
  return res.body.holdId as string;
}

async function paidHold() {
  const holdId = await placeHold();
  const res = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId, customer: guest }, headers: auth });
  expect(res.status).toBe(200);
  expect(res.body.amountCents).toBe(20_000); // 2 nights x 10 000
  return { holdId, paymentIntentId: res.body.paymentIntentId as string };
}

async function expectRefundedNotBooked(holdId: string, paymentIntentId: string, amount: number, reason: string) {
  expect(await prisma.booking.count({ where: { holdId } })).toBe(0);
  const refunds = emulator.refunds().filter((r) => r.payment_intent === paymentIntentId);
  expect(refunds).toHaveLength(1);
  expect(refunds[0]!.amount).toBe(amount);
  expect(await prisma.refund.findUnique({ where: { stripeIntentId: paymentIntentId } })).toMatchObject({ holdId, reason, stripeRefundId: refunds[0]!.id });
}

describe("payment_intent.succeeded that does not match its hold", () => {
  it("refunds a PaymentIntent the hold never recorded, and the hold stays payable", async () => {
    const { holdId, paymentIntentId } = await paidHold();
    // Someone with API access creates their own PaymentIntent naming our hold, for 1 cent.
    const foreign = await getStripe().paymentIntents.create({ amount: 1, currency: "usd", metadata: { holdId } });
    const delivery = await emulator.succeed(foreign.id);
    expect(delivery.status).toBe(200);
    await expectRefundedNotBooked(holdId, foreign.id, 1, "intent_not_recorded");
    expect((await prisma.hold.findUniqueOrThrow({ where: { id: holdId } })).status).toBe("ACTIVE");

    // The real payment still books.
    expect((await emulator.succeed(paymentIntentId)).status).toBe(200);
    expect(await prisma.booking.count({ where: { holdId, totalCents: 20_000 } })).toBe(1);
  });

  it("refunds the recorded PaymentIntent when its amount was lowered after checkout", async () => {
    const { holdId, paymentIntentId } = await paidHold();
    await getStripe().paymentIntents.update(paymentIntentId, { amount: 1 });
    expect((await emulator.succeed(paymentIntentId)).status).toBe(200);
    await expectRefundedNotBooked(holdId, paymentIntentId, 1, "amount_short");
  });

  it("refunds the recorded PaymentIntent when its currency was changed after checkout", async () => {
    const { holdId, paymentIntentId } = await paidHold();
    await getStripe().paymentIntents.update(paymentIntentId, { currency: "eur" });
    expect((await emulator.succeed(paymentIntentId)).status).toBe(200);
    await expectRefundedNotBooked(holdId, paymentIntentId, 20_000, "currency_mismatch");
  });
});

describe("expiring a hold cancels its PaymentIntent", () => {
  it("the expire-holds job cancels it, once, and a later payment attempt fails", async () => {
    const { holdId, paymentIntentId } = await paidHold();
    await prisma.hold.update({ where: { id: holdId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await callRoute(expireRoute, { path: "/api/internal/expire-holds", headers: { "x-cron-secret": TEST_CRON_SECRET } });
    expect(res.status).toBe(200);
    expect(res.body.intentsCancelled).toBeGreaterThanOrEqual(1);
    expect(emulator.paymentIntents().find((p) => p.id === paymentIntentId)?.status).toBe("canceled");
    expect((await prisma.hold.findUniqueOrThrow({ where: { id: holdId } })).intentCancelledAt).not.toBeNull();
    await expect(getStripe().paymentIntents.confirm(paymentIntentId, { payment_method: "pm_card_visa" })).rejects.toThrow(/canceled/);

    const cancels = () => emulator.requests().filter((r) => r.path === `/v1/payment_intents/${paymentIntentId}/cancel`).length;
    const before = cancels();
    await callRoute(expireRoute, { path: "/api/internal/expire-holds", headers: { "x-cron-secret": TEST_CRON_SECRET } });
    expect(cancels()).toBe(before);
  });

  it("a checkout of the expired hold (410) cancels it", async () => {
    const { holdId, paymentIntentId } = await paidHold();
    await prisma.hold.update({ where: { id: holdId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId, customer: guest }, headers: auth });
    expect(res.status).toBe(410);
    expect(emulator.paymentIntents().find((p) => p.id === paymentIntentId)?.status).toBe("canceled");
    expect((await prisma.hold.findUniqueOrThrow({ where: { id: holdId } })).status).toBe("EXPIRED");
  });

  it("a new hold that expires a stale one on its unit cancels the stale one's PaymentIntent", async () => {
    const { holdId, paymentIntentId } = await paidHold();
    await prisma.hold.update({ where: { id: holdId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await placeHold();
    // Cancelled after the new hold's answer, without making it wait: poll briefly.
    for (let i = 0; i < 50 && emulator.paymentIntents().find((p) => p.id === paymentIntentId)?.status !== "canceled"; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(emulator.paymentIntents().find((p) => p.id === paymentIntentId)?.status).toBe("canceled");
  });

  it("a Stripe outage leaves the cancellation for the next run", async () => {
    const { holdId, paymentIntentId } = await paidHold();
    await prisma.hold.update({ where: { id: holdId }, data: { status: "EXPIRED" } });
    const { cancelExpiredIntents } = await import("@/lib/server/payments/cancel-expired-intents");
    emulator.setHang(true);
    const first = await cancelExpiredIntents({ holdIds: [holdId] });
    emulator.setHang(false);
    expect(first).toEqual({ cancelled: 0, failed: 1 });
    expect((await prisma.hold.findUniqueOrThrow({ where: { id: holdId } })).intentCancelledAt).toBeNull();
    expect(await cancelExpiredIntents({ holdIds: [holdId] })).toEqual({ cancelled: 1, failed: 0 });
    expect(emulator.paymentIntents().find((p) => p.id === paymentIntentId)?.status).toBe("canceled");
  }, 30_000);
});

describe("Stripe trouble at checkout", () => {
  it("a recorded PaymentIntent deleted at Stripe is replaced by a fresh one", async () => {
    const { holdId, paymentIntentId } = await paidHold();
    emulator.forget(paymentIntentId);
    const res = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId, customer: guest }, headers: auth });
    expect(res.status).toBe(200);
    expect(res.body.paymentIntentId).not.toBe(paymentIntentId);
    expect(res.body.amountCents).toBe(20_000);
    expect((await prisma.hold.findUniqueOrThrow({ where: { id: holdId } })).stripeIntentId).toBe(res.body.paymentIntentId);
    // And that one books.
    expect((await emulator.succeed(res.body.paymentIntentId)).status).toBe(200);
    expect(await prisma.booking.count({ where: { holdId } })).toBe(1);
  });

  it("a Stripe that accepts connections and never answers is a 502 with Retry-After within 12 s", async () => {
    const holdId = await placeHold();
    emulator.setHang(true);
    const started = Date.now();
    const res = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId, customer: guest }, headers: auth });
    const elapsed = Date.now() - started;
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe("PAYMENT_PROVIDER_ERROR");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    // Deadline: 2 attempts x 4.5 s + back-off, well under the site's 15 s (2 s slack for load).
    expect(elapsed).toBeLessThan(12_000);
    expect(elapsed).toBeGreaterThanOrEqual(9_000);
  }, 30_000);
});
