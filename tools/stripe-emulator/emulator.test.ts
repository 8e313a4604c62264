import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import Stripe from "stripe";
import { startStripeEmulator, type StripeEmulator } from "./emulator";

// The version stripe@20 pins (node_modules/stripe/cjs/apiVersion.js); typed so tsc flags an SDK bump.
const API_VERSION: Stripe.LatestApiVersion = "2026-02-25.clover";
const WEBHOOK_SECRET = "whsec_emulator_test_secret";

type Received = { body: string; signature: string };

let emulator: StripeEmulator;
let stripe: Stripe;
let receiver: http.Server;
let received: Received[] = [];

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
}

function verify(r: Received, secret = WEBHOOK_SECRET): Stripe.Event {
  return stripe.webhooks.constructEvent(r.body, r.signature, secret);
}

async function createIntent(extra: Partial<Stripe.PaymentIntentCreateParams> = {}): Promise<Stripe.PaymentIntent> {
  return stripe.paymentIntents.create({ amount: 12_500, currency: "usd", metadata: { holdId: "hold_1" }, ...extra });
}

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ body: Buffer.concat(chunks).toString("utf8"), signature: String(req.headers["stripe-signature"] ?? "") });
      res.writeHead(200, { "Content-Type": "application/json" }).end('{"received":true}');
    });
  });
  const receiverPort = await listen(receiver);
  emulator = await startStripeEmulator({ port: 0, webhookSecret: WEBHOOK_SECRET, webhookUrl: `http://127.0.0.1:${receiverPort}/webhook` });
  stripe = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: emulator.port, protocol: "http", apiVersion: API_VERSION });
});

afterAll(async () => {
  await emulator?.close();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

beforeEach(() => {
  received = [];
});

describe("stripe emulator (through the real stripe SDK)", () => {
  it("creates and retrieves a PaymentIntent with Stripe's shape", async () => {
    const pi = await createIntent({ receipt_email: "guest@example.com", automatic_payment_methods: { enabled: true }, currency: "USD" });
    expect(pi.id).toMatch(/^pi_/);
    expect(pi).toMatchObject({
      object: "payment_intent",
      amount: 12_500,
      amount_received: 0,
      currency: "usd",
      status: "requires_payment_method",
      metadata: { holdId: "hold_1" },
      receipt_email: "guest@example.com",
      livemode: false,
      latest_charge: null,
    });
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_\\w+$`));
    expect(await stripe.paymentIntents.retrieve(pi.id)).toEqual(pi);
  });

  it("validates amount like Stripe", async () => {
    await expect(stripe.paymentIntents.create({ amount: 0, currency: "usd" })).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 400,
      param: "amount",
    });
  });

  it("replays an idempotent create instead of creating twice, and rejects the key with other params", async () => {
    const before = emulator.paymentIntents().length;
    const key = `test-${Date.now()}`;
    const a = await stripe.paymentIntents.create({ amount: 5_000, currency: "usd" }, { idempotencyKey: key });
    const b = await stripe.paymentIntents.create({ amount: 5_000, currency: "usd" }, { idempotencyKey: key });
    expect(b.id).toBe(a.id);
    expect(b.client_secret).toBe(a.client_secret);
    expect(emulator.paymentIntents().length).toBe(before + 1);
    expect(emulator.requests().filter((r) => r.idempotencyKey === key)).toHaveLength(2);
    await expect(stripe.paymentIntents.create({ amount: 6_000, currency: "usd" }, { idempotencyKey: key })).rejects.toMatchObject({
      type: "StripeIdempotencyError",
      statusCode: 400,
    });
    expect(emulator.paymentIntents().length).toBe(before + 1);
  });

  it("succeed() delivers a correctly signed payment_intent.succeeded webhook", async () => {
    const pi = await createIntent();
    const result = await emulator.succeed(pi.id);
    expect(result).toMatchObject({ delivered: true, status: 200 });
    expect(received).toHaveLength(1);
    const event = verify(received[0]!);
    expect(event.id).toMatch(/^evt_/);
    expect(event).toMatchObject({ object: "event", type: "payment_intent.succeeded", livemode: false, api_version: API_VERSION });
    const object = event.data.object as Stripe.PaymentIntent;
    expect(object.id).toBe(pi.id);
    expect(object.status).toBe("succeeded");
    const after = await stripe.paymentIntents.retrieve(pi.id);
    expect(after.status).toBe("succeeded");
    expect(after.amount_received).toBe(12_500);
    expect(after.latest_charge).toMatch(/^ch_/);
  });

  it("fail() delivers payment_intent.payment_failed and leaves the PI retryable", async () => {
    const pi = await createIntent();
    const result = await emulator.fail(pi.id);
    expect(result.delivered).toBe(true);
    const event = verify(received[0]!);
    expect(event.type).toBe("payment_intent.payment_failed");
    const object = event.data.object as Stripe.PaymentIntent;
    expect(object.id).toBe(pi.id);
    expect(object.last_payment_error).toMatchObject({ code: "card_declined", message: "Your card was declined." });
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe("requires_payment_method");
  });

  it("control endpoints: succeed over HTTP with CORS, and redeliver re-sends the same event id", async () => {
    const pi = await createIntent();
    const preflight = await fetch(`${emulator.url}/_emulator/payment_intents/${pi.id}/succeed`, { method: "OPTIONS", headers: { Origin: "http://localhost:3000" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    const res = await fetch(`${emulator.url}/_emulator/payment_intents/${pi.id}/succeed`, { method: "POST" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { delivered: boolean }).delivered).toBe(true);
    const again = await fetch(`${emulator.url}/_emulator/payment_intents/${pi.id}/redeliver`, { method: "POST" });
    expect(again.status).toBe(200);
    expect(received).toHaveLength(2);
    expect(verify(received[1]!).id).toBe(verify(received[0]!).id);
  });

  it("confirm with pm_card_visa succeeds and with pm_card_chargeDeclined throws a card error", async () => {
    const ok = await createIntent();
    expect((await stripe.paymentIntents.confirm(ok.id, { payment_method: "pm_card_visa" })).status).toBe("succeeded");
    expect(verify(received[0]!).type).toBe("payment_intent.succeeded");
    const declined = await createIntent();
    await expect(stripe.paymentIntents.confirm(declined.id, { payment_method: "pm_card_chargeDeclined" })).rejects.toMatchObject({
      type: "StripeCardError",
      code: "card_declined",
    });
    expect(verify(received[1]!).type).toBe("payment_intent.payment_failed");
  });

  it("refunds a succeeded PI (full and partial), lists refunds, and rejects over-refunds", async () => {
    const pi = await createIntent();
    await emulator.succeed(pi.id);
    const partial = await stripe.refunds.create({ payment_intent: pi.id, amount: 2_500, reason: "requested_by_customer", metadata: { bookingId: "b1" } });
    expect(partial).toMatchObject({ object: "refund", amount: 2_500, currency: "usd", payment_intent: pi.id, status: "succeeded", metadata: { bookingId: "b1" } });
    expect(partial.id).toMatch(/^re_/);
    const rest = await stripe.refunds.create({ payment_intent: pi.id });
    expect(rest.amount).toBe(10_000);
    const list = await stripe.refunds.list({ payment_intent: pi.id });
    expect(list.object).toBe("list");
    expect(list.data.map((r) => r.id).sort()).toEqual([partial.id, rest.id].sort());
    await expect(stripe.refunds.create({ payment_intent: pi.id, amount: 1 })).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it("refuses to refund a PI that has not succeeded", async () => {
    const pi = await createIntent();
    const error = await stripe.refunds.create({ payment_intent: pi.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 400 });
  });

  it("cancels, and refuses to cancel a succeeded PI", async () => {
    const pi = await createIntent();
    const canceled = await stripe.paymentIntents.cancel(pi.id);
    expect(canceled.status).toBe("canceled");
    const paid = await createIntent();
    await emulator.succeed(paid.id);
    await expect(stripe.paymentIntents.cancel(paid.id)).rejects.toMatchObject({ statusCode: 400, code: "payment_intent_unexpected_state" });
  });

  it("updates metadata and amount before payment", async () => {
    const pi = await createIntent();
    const updated = await stripe.paymentIntents.update(pi.id, { amount: 15_000, metadata: { bookingId: "b2" }, receipt_email: "x@example.com" });
    expect(updated).toMatchObject({ amount: 15_000, metadata: { holdId: "hold_1", bookingId: "b2" }, receipt_email: "x@example.com" });
  });

  it("unknown ids are 404 resource_missing", async () => {
    await expect(stripe.paymentIntents.retrieve("pi_does_not_exist")).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
      statusCode: 404,
      code: "resource_missing",
    });
  });

  it("rejects a bad API key with 401", async () => {
    const res = await fetch(`${emulator.url}/v1/payment_intents/pi_x`, { headers: { Authorization: "Bearer nope" } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
  });

  it("a signature made with another secret does not verify (sanity: this test can fail)", async () => {
    const { payload, signature } = emulator.signedDelivery({ id: "evt_test", object: "event", type: "ping" });
    expect(() => stripe.webhooks.constructEvent(payload, signature, "whsec_wrong")).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(stripe.webhooks.constructEvent(payload, signature, WEBHOOK_SECRET).id).toBe("evt_test");
  });

  it("reports a non-2xx webhook response instead of throwing", async () => {
    const failing = http.createServer((_req, res) => res.writeHead(500).end());
    const port = await listen(failing);
    try {
      emulator.setWebhookUrl(`http://127.0.0.1:${port}/`);
      const pi = await createIntent();
      const result = await emulator.succeed(pi.id);
      expect(result).toMatchObject({ delivered: false, status: 500 });
    } finally {
      emulator.setWebhookUrl(`http://127.0.0.1:${(receiver.address() as { port: number }).port}/webhook`);
      await new Promise<void>((resolve) => failing.close(() => resolve()));
    }
  });

  it("refunds by charge id and replays an idempotent refund instead of making a second one", async () => {
    const pi = await createIntent();
    await emulator.succeed(pi.id);
    const charge = (await stripe.paymentIntents.retrieve(pi.id)).latest_charge as string;
    const first = await stripe.refunds.create({ charge, amount: 1_000 }, { idempotencyKey: "refund-key-1" });
    const again = await stripe.refunds.create({ charge, amount: 1_000 }, { idempotencyKey: "refund-key-1" });
    expect(again.id).toBe(first.id);
    expect(emulator.refunds().filter((r) => r.payment_intent === pi.id)).toHaveLength(1);
    // Same key, other parameters: Stripe's idempotency_error.
    await expect(stripe.refunds.create({ charge, amount: 2_000 }, { idempotencyKey: "refund-key-1" })).rejects.toBeInstanceOf(
      Stripe.errors.StripeIdempotencyError,
    );
    // 12 500 captured - 1 000 = 11 500 left: 11 501 is too much.
    await expect(stripe.refunds.create({ payment_intent: pi.id, amount: 11_501 })).rejects.toMatchObject({ code: "amount_too_large", statusCode: 400 });
  });

  it("a dashboard refund sends charge.refunded with the charge's refunded total", async () => {
    const pi = await createIntent();
    await emulator.succeed(pi.id);
    received = [];
    const result = await emulator.dashboardRefund(pi.id, 2_000);
    expect(result.delivered).toBe(true);
    const event = verify(received[0]!);
    expect(event.type).toBe("charge.refunded");
    expect(event.data.object).toMatchObject({ object: "charge", payment_intent: pi.id, amount: 12_500, amount_captured: 12_500, amount_refunded: 2_000, refunded: false });
    expect(result.refund).toMatchObject({ amount: 2_000, status: "succeeded", metadata: {} });
  });

  it("a failed refund sends refund.updated and gives the amount back to the charge", async () => {
    const pi = await createIntent();
    await emulator.succeed(pi.id);
    const refund = await stripe.refunds.create({ payment_intent: pi.id });
    received = [];
    await emulator.failRefund(refund.id);
    const event = verify(received[0]!);
    expect(event.type).toBe("refund.updated");
    expect(event.data.object).toMatchObject({ id: refund.id, status: "failed", failure_reason: "expired_or_canceled_card" });
    expect((await stripe.refunds.retrieve(refund.id)).status).toBe("failed");
    // The whole 12 500 is refundable again.
    expect((await stripe.refunds.create({ payment_intent: pi.id })).amount).toBe(12_500);
  });

  it("with refundEvents, sends refund.created then charge.refunded after answering the API call", async () => {
    const port = (receiver.address() as { port: number }).port;
    const subscribed = await startStripeEmulator({ port: 0, webhookSecret: WEBHOOK_SECRET, webhookUrl: `http://127.0.0.1:${port}/webhook`, refundEvents: true });
    try {
      const client = new Stripe("sk_test_emulator", { host: "127.0.0.1", port: subscribed.port, protocol: "http", apiVersion: API_VERSION });
      const pi = await client.paymentIntents.create({ amount: 5_000, currency: "usd" });
      await subscribed.succeed(pi.id);
      received = [];
      const refund = await client.refunds.create({ payment_intent: pi.id, amount: 1_500 });
      await subscribed.idle();
      expect(received.map((r) => verify(r).type)).toEqual(["refund.created", "charge.refunded"]);
      expect(verify(received[0]!).data.object).toMatchObject({ id: refund.id, amount: 1_500 });
      expect(verify(received[1]!).data.object).toMatchObject({ amount_refunded: 1_500, payment_intent: pi.id });
    } finally {
      await subscribed.close();
    }
  });
});
