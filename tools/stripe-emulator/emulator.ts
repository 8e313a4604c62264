/**
 * A local, in-memory, Stripe-compatible HTTP emulator for the subset of the API this app calls
 * (PaymentIntents, Refunds, Events) plus signed webhook delivery. See README.md in this folder.
 * Uses only node:http, node:crypto and the stripe package (for the API version and signing).
 */
import http from "node:http";
import crypto from "node:crypto";
import Stripe from "stripe";

export type PaymentIntentStatus = "requires_payment_method" | "succeeded" | "canceled";

export interface PaymentIntentRecord {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_capturable: number;
  amount_received: number;
  automatic_payment_methods: { enabled: boolean } | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: "automatic";
  client_secret: string;
  confirmation_method: "automatic";
  created: number;
  currency: string;
  customer: null;
  description: string | null;
  last_payment_error: { type: string; code: string; decline_code: string; message: string } | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  next_action: null;
  payment_method: string | null;
  payment_method_types: string[];
  receipt_email: string | null;
  status: PaymentIntentStatus;
}

export type RefundStatus = "pending" | "requires_action" | "succeeded" | "failed" | "canceled";

/** Stripe's refund object (the fields of https://docs.stripe.com/api/refunds/object this app can meet). */
export interface RefundRecord {
  id: string;
  object: "refund";
  amount: number;
  balance_transaction: string | null;
  charge: string | null;
  created: number;
  currency: string;
  destination_details: { type: "card"; card: { type: "refund" | "reversal" | "pending" } } | null;
  failure_balance_transaction?: string;
  failure_reason?: string;
  metadata: Record<string, string>;
  next_action: null;
  payment_intent: string;
  reason: string | null;
  receipt_number: null;
  source_transfer_reversal: null;
  status: RefundStatus;
  transfer_reversal: null;
}

/** Stripe's charge object, as a charge.refunded event carries it (refunds not expanded). */
export interface ChargeRecord {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  balance_transaction: string | null;
  captured: boolean;
  created: number;
  currency: string;
  disputed: boolean;
  livemode: false;
  metadata: Record<string, string>;
  paid: boolean;
  payment_intent: string;
  receipt_email: string | null;
  refunded: boolean;
  status: "succeeded";
}

export interface DeliveryResult {
  event: object;
  payload: string;
  signature: string;
  delivered: boolean;
  status?: number;
  error?: string;
}

export interface StripeEmulatorOptions {
  port?: number;
  host?: string;
  webhookSecret: string;
  webhookUrl?: string;
  logger?: (msg: string) => void;
  /**
   * Send refund.created and charge.refunded when a refund is created through the API, as Stripe
   * does for an endpoint subscribed to them (after the API response, never before). Off by
   * default so tests that count events are not disturbed; dashboard refunds and refund failures
   * (the control methods below) are always sent.
   */
  refundEvents?: boolean;
}

export interface StripeEmulator {
  url: string;
  port: number;
  close(): Promise<void>;
  setWebhookUrl(url: string | undefined): void;
  succeed(paymentIntentId: string): Promise<DeliveryResult>;
  fail(paymentIntentId: string): Promise<DeliveryResult>;
  deliver(event: object): Promise<DeliveryResult>;
  signedDelivery(event: object): { payload: string; signature: string };
  paymentIntents(): PaymentIntentRecord[];
  refunds(): RefundRecord[];
  requests(): { method: string; path: string; idempotencyKey?: string }[];
  /** A refund made by hand in the Stripe dashboard (no metadata, no idempotency key); sends charge.refunded. */
  dashboardRefund(paymentIntentId: string, amount?: number): Promise<DeliveryResult & { refund: RefundRecord }>;
  /** A refund failing after the fact (e.g. the card was closed); sends refund.updated. */
  failRefund(refundId: string, failureReason?: string): Promise<DeliveryResult>;
  /** Resolves when every event sent in the background (refundEvents) has been delivered. */
  idle(): Promise<void>;
  /** Hang mode: API requests are accepted and read but never answered (a Stripe that stalls). */
  setHang(on: boolean): void;
  /** Forgets a PaymentIntent, as if deleted at Stripe: later calls about it get resource_missing. */
  forget(paymentIntentId: string): void;
}

type Params = { [key: string]: string | Params };
type Reply = { status: number; body: unknown; replayed?: boolean };
type ErrorBody = { type: string; message: string; code?: string; param?: string; [extra: string]: unknown };

class ApiError extends Error {
  constructor(readonly status: number, readonly body: ErrorBody) {
    super(body.message);
  }
}

const invalid = (message: string, param?: string, code?: string, status = 400) =>
  new ApiError(status, { type: "invalid_request_error", message, ...(code ? { code } : {}), ...(param ? { param } : {}) });
const unexpectedState = (message: string) => invalid(message, undefined, "payment_intent_unexpected_state");

const WEBHOOK_TIMEOUT_MS = 10_000;
const now = () => Math.floor(Date.now() / 1000);
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const randomId = (prefix: string, length = 24) =>
  prefix + Array.from(crypto.randomBytes(length), (b) => ALNUM[b % ALNUM.length]).join("");

/** Parses Stripe's form encoding (a=1&metadata[k]=v&expand[]=x&list[0]=y) into nested objects. */
export function parseStripeForm(body: string): Params {
  const root: Params = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!match) continue;
    const segments = [match[1]!, ...Array.from(match[2]!.matchAll(/\[([^[\]]*)\]/g), (m) => m[1]!)];
    let node = root;
    segments.forEach((segment, i) => {
      const key = segment === "" ? String(Object.keys(node).length) : segment;
      if (i === segments.length - 1) {
        node[key] = value;
      } else {
        const child = node[key];
        node = node[key] = typeof child === "object" ? child : {};
      }
    });
  }
  return root;
}

function str(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalid(`Invalid string: ${JSON.stringify(value)}`, name, "parameter_invalid_string");
  return value;
}

function positiveInt(params: Params, name: string): number | undefined {
  const raw = str(params, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw invalid(`Invalid integer: ${raw}`, name, "parameter_invalid_integer");
  const n = Number(raw);
  if (n < 1) throw invalid("This value must be greater than or equal to 1.", name, "parameter_invalid_integer");
  return n;
}

/** Stripe metadata semantics: `metadata=` clears all, `metadata[k]=` removes one key, others are merged. */
function applyMetadata(target: Record<string, string>, params: Params): Record<string, string> {
  const raw = params.metadata;
  if (raw === undefined) return target;
  if (raw === "") return {};
  if (typeof raw === "string") throw invalid("Invalid object", "metadata", "parameter_invalid_empty");
  const out = { ...target };
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== "string") throw invalid("Invalid metadata value", `metadata[${key}]`);
    if (key.length > 40) throw invalid("Metadata keys can have up to 40 characters.", `metadata[${key}]`);
    if (value.length > 500) throw invalid("Metadata values can have up to 500 characters.", `metadata[${key}]`);
    if (value === "") delete out[key];
    else out[key] = value;
  }
  if (Object.keys(out).length > 50) throw invalid("Metadata can have up to 50 keys.", "metadata");
  return out;
}

const canonical = (body: string) => [...new URLSearchParams(body)].map(([k, v]) => `${k}=${v}`).sort().join("&");

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) req.destroy(new Error("request body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startStripeEmulator(options: StripeEmulatorOptions): Promise<StripeEmulator> {
  const log = options.logger ?? (() => {});
  const secret = options.webhookSecret;
  let webhookUrl = options.webhookUrl;
  const intents = new Map<string, PaymentIntentRecord>();
  const refunds = new Map<string, RefundRecord>();
  const events = new Map<string, object>();
  const lastEventByIntent = new Map<string, object>();
  const idempotency = new Map<string, { method: string; path: string; params: string; reply: Reply }>();
  const requestLog: { method: string; path: string; idempotencyKey?: string }[] = [];
  let hang = false;

  const snapshot = <T>(value: T): T => structuredClone(value);
  function getIntent(id: string): PaymentIntentRecord {
    const pi = intents.get(id);
    if (!pi) throw invalid(`No such payment_intent: '${id}'`, "intent", "resource_missing", 404);
    return pi;
  }
  // Failed and canceled refunds give the money back to the charge, as on Stripe.
  const refundedAmount = (piId: string) =>
    [...refunds.values()]
      .filter((r) => r.payment_intent === piId && r.status !== "failed" && r.status !== "canceled")
      .reduce((sum, r) => sum + r.amount, 0);
  const background = new Set<Promise<unknown>>();

  function chargeOf(pi: PaymentIntentRecord): ChargeRecord {
    const refunded = refundedAmount(pi.id);
    return {
      id: pi.latest_charge ?? "", object: "charge", amount: pi.amount, amount_captured: pi.amount_received,
      amount_refunded: refunded, balance_transaction: `txn_${(pi.latest_charge ?? "").slice(3)}`, captured: true,
      created: pi.created, currency: pi.currency, disputed: false, livemode: false, metadata: { ...pi.metadata }, paid: true,
      payment_intent: pi.id, receipt_email: pi.receipt_email, refunded: refunded >= pi.amount_received, status: "succeeded",
    };
  }

  function objectEvent(type: string, object: object, request: EventRequest = { id: null, idempotency_key: null }) {
    const event = {
      id: randomId("evt_"), object: "event", api_version: Stripe.API_VERSION, created: now(),
      data: { object: snapshot(object) }, livemode: false, pending_webhooks: 1, request, type,
    };
    events.set(event.id, event);
    return event;
  }

  function createRefund(pi: PaymentIntentRecord, amount: number, metadata: Record<string, string>, reason: string | null): RefundRecord {
    const refund: RefundRecord = {
      id: randomId("re_"), object: "refund", amount, balance_transaction: randomId("txn_"), charge: pi.latest_charge,
      created: now(), currency: pi.currency, destination_details: { type: "card", card: { type: "refund" } }, metadata,
      next_action: null, payment_intent: pi.id, reason, receipt_number: null, source_transfer_reversal: null,
      status: "succeeded", transfer_reversal: null,
    };
    refunds.set(refund.id, refund);
    return refund;
  }

  function signedDelivery(event: object): { payload: string; signature: string } {
    const payload = JSON.stringify(event, null, 2);
    return { payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }) };
  }

  function post(url: URL, payload: string, signature: string): Promise<{ status: number }> {
    return new Promise((resolve, reject) => {
      const req = http.request(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Stripe-Signature": signature, "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks) emulator", "Content-Length": Buffer.byteLength(payload) },
      });
      req.setTimeout(WEBHOOK_TIMEOUT_MS, () => req.destroy(new Error(`timed out after ${WEBHOOK_TIMEOUT_MS} ms`)));
      req.on("response", (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(payload);
    });
  }

  async function deliver(event: object): Promise<DeliveryResult> {
    const { payload, signature } = signedDelivery(event);
    const base = { event, payload, signature };
    const type = (event as { type?: unknown }).type;
    if (!webhookUrl) return { ...base, delivered: false, error: "no webhook URL configured" };
    let url: URL;
    try {
      url = new URL(webhookUrl);
      if (url.protocol !== "http:") throw new Error(`unsupported protocol ${url.protocol} (only http:// is supported)`);
    } catch (err) {
      return { ...base, delivered: false, error: err instanceof Error ? err.message : String(err) };
    }
    try {
      const { status } = await post(url, payload, signature);
      const delivered = status >= 200 && status < 300;
      log(`webhook ${String(type)} -> ${webhookUrl}: HTTP ${status}`);
      return { ...base, delivered, status, ...(delivered ? {} : { error: `webhook endpoint responded HTTP ${status}` }) };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      log(`webhook ${String(type)} -> ${webhookUrl}: failed (${error})`);
      return { ...base, delivered: false, error };
    }
  }

  type Outcome = "succeed" | "fail";
  type EventRequest = { id: string | null; idempotency_key: string | null };
  function buildEvent(type: string, pi: PaymentIntentRecord, request: EventRequest) {
    const event = {
      id: randomId("evt_"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: now(),
      data: { object: snapshot(pi) },
      livemode: false,
      pending_webhooks: 1,
      request,
      type,
    };
    events.set(event.id, event);
    lastEventByIntent.set(pi.id, event);
    return event;
  }

  // Test tokens such as pm_card_visa become a fresh pm_ id on the PaymentIntent, as on Stripe.
  function settle(id: string, outcome: Outcome, request: EventRequest = { id: null, idempotency_key: null }) {
    const pi = getIntent(id);
    if (pi.status !== "requires_payment_method") {
      throw unexpectedState(`You cannot confirm this PaymentIntent because it has a status of ${pi.status}.`);
    }
    pi.payment_method = randomId("pm_");
    if (outcome === "succeed") {
      pi.status = "succeeded";
      pi.amount_received = pi.amount;
      pi.latest_charge = randomId("ch_");
      pi.last_payment_error = null;
    } else {
      pi.last_payment_error = { type: "card_error", code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." };
    }
    return buildEvent(outcome === "succeed" ? "payment_intent.succeeded" : "payment_intent.payment_failed", pi, request);
  }

  // ---- Stripe API (/v1) ----
  type Ctx = { id: string; params: Params; requestId: string; idempotencyKey?: string };
  type Handler = (ctx: Ctx) => Reply | Promise<Reply>;
  const ok = (body: unknown): Reply => ({ status: 200, body });

  const api: Array<[string, RegExp, Handler]> = [
    ["POST", /^\/v1\/payment_intents$/, ({ params }) => {
      const amount = positiveInt(params, "amount");
      if (amount === undefined) throw invalid("Missing required param: amount.", "amount", "parameter_missing");
      const currency = str(params, "currency");
      if (!currency) throw invalid("Missing required param: currency.", "currency", "parameter_missing");
      const apm = params.automatic_payment_methods;
      const id = randomId("pi_");
      const pi: PaymentIntentRecord = {
        id, object: "payment_intent", amount, amount_capturable: 0, amount_received: 0,
        automatic_payment_methods: typeof apm === "object" ? { enabled: apm.enabled === "true" } : null,
        canceled_at: null, cancellation_reason: null, capture_method: "automatic",
        client_secret: `${id}_secret_${randomId("", 25)}`, confirmation_method: "automatic", created: now(),
        currency: currency.toLowerCase(), customer: null, description: str(params, "description") ?? null,
        last_payment_error: null, latest_charge: null, livemode: false, metadata: applyMetadata({}, params),
        next_action: null, payment_method: null, payment_method_types: ["card"],
        receipt_email: str(params, "receipt_email") || null, status: "requires_payment_method",
      };
      intents.set(id, pi);
      return ok(snapshot(pi));
    }],
    ["GET", /^\/v1\/payment_intents\/([^/]+)$/, ({ id }) => ok(snapshot(getIntent(id)))],
    ["POST", /^\/v1\/payment_intents\/([^/]+)$/, ({ id, params }) => {
      const pi = getIntent(id);
      if (pi.status === "canceled") throw unexpectedState("This PaymentIntent could not be updated because it has a status of canceled.");
      const amount = positiveInt(params, "amount");
      const currency = str(params, "currency");
      if ((amount !== undefined || currency !== undefined) && pi.status === "succeeded") {
        throw unexpectedState("You cannot update the amount or currency of a PaymentIntent with a status of succeeded.");
      }
      if (amount !== undefined) pi.amount = amount;
      if (currency) pi.currency = currency.toLowerCase();
      const receiptEmail = str(params, "receipt_email");
      if (receiptEmail !== undefined) pi.receipt_email = receiptEmail || null;
      const description = str(params, "description");
      if (description !== undefined) pi.description = description || null;
      pi.metadata = applyMetadata(pi.metadata, params);
      return ok(snapshot(pi));
    }],
    ["POST", /^\/v1\/payment_intents\/([^/]+)\/cancel$/, ({ id, params }) => {
      const pi = getIntent(id);
      if (pi.status === "succeeded" || pi.status === "canceled") {
        throw unexpectedState(`You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`);
      }
      pi.status = "canceled";
      pi.canceled_at = now();
      pi.cancellation_reason = str(params, "cancellation_reason") ?? null;
      return ok(snapshot(pi));
    }],
    ["POST", /^\/v1\/payment_intents\/([^/]+)\/confirm$/, async ({ id, params, requestId, idempotencyKey }) => {
      const pm = str(params, "payment_method");
      if (pm !== undefined && pm !== "pm_card_visa" && pm !== "pm_card_chargeDeclined") {
        throw invalid(`No such PaymentMethod: '${pm}'`, "payment_method", "resource_missing");
      }
      const outcome: Outcome = pm === "pm_card_chargeDeclined" ? "fail" : "succeed";
      const event = settle(id, outcome, { id: requestId, idempotency_key: idempotencyKey ?? null });
      await deliver(event);
      const pi = snapshot(getIntent(id));
      if (outcome === "succeed") return ok(pi);
      const { code, decline_code, message } = pi.last_payment_error!;
      throw new ApiError(402, { type: "card_error", code, decline_code, message, payment_intent: pi });
    }],
    ["POST", /^\/v1\/refunds$/, ({ params, requestId, idempotencyKey }) => {
      const chargeId = str(params, "charge");
      let piId = str(params, "payment_intent");
      if (!piId && chargeId) {
        piId = [...intents.values()].find((p) => p.latest_charge === chargeId)?.id;
        if (!piId) throw invalid(`No such charge: '${chargeId}'`, "charge", "resource_missing", 404);
      }
      if (!piId) throw invalid("One of the following params should be provided for this request: payment_intent or charge.", undefined, "parameter_missing");
      const pi = getIntent(piId);
      if (pi.status !== "succeeded") {
        throw invalid(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, "payment_intent", "payment_intent_unexpected_state");
      }
      const remaining = pi.amount_received - refundedAmount(pi.id);
      if (remaining <= 0) throw invalid(`Charge ${pi.latest_charge} has already been refunded.`, undefined, "charge_already_refunded");
      const amount = positiveInt(params, "amount") ?? remaining;
      if (amount > remaining) {
        throw invalid(`Refund amount ($${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge ($${(remaining / 100).toFixed(2)})`, "amount", "amount_too_large");
      }
      const reason = str(params, "reason");
      if (reason && !["duplicate", "fraudulent", "requested_by_customer"].includes(reason)) {
        throw invalid(`Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer`, "reason", "parameter_invalid_string");
      }
      const refund = createRefund(pi, amount, applyMetadata({}, params), reason || null);
      if (options.refundEvents) {
        const request = { id: requestId, idempotency_key: idempotencyKey ?? null };
        const created = objectEvent("refund.created", refund, request);
        const refundedEvent = objectEvent("charge.refunded", chargeOf(pi), request);
        // After the response, in order, like Stripe: never before the caller has the refund id.
        const sending = new Promise((resolve) => setImmediate(resolve))
          .then(() => deliver(created))
          .then(() => deliver(refundedEvent));
        background.add(sending);
        void sending.finally(() => background.delete(sending));
      }
      return ok(snapshot(refund));
    }],
    ["GET", /^\/v1\/refunds$/, ({ params }) => {
      const piId = str(params, "payment_intent");
      if (piId) getIntent(piId);
      const data = [...refunds.values()].filter((r) => !piId || r.payment_intent === piId).reverse();
      const limit = positiveInt(params, "limit") ?? 10;
      return ok({ object: "list", data: snapshot(data.slice(0, limit)), has_more: data.length > limit, url: "/v1/refunds" });
    }],
    ["GET", /^\/v1\/refunds\/([^/]+)$/, ({ id }) => {
      const refund = refunds.get(id);
      if (!refund) throw invalid(`No such refund: '${id}'`, "id", "resource_missing", 404);
      return ok(snapshot(refund));
    }],
    ["GET", /^\/v1\/events\/([^/]+)$/, ({ id }) => {
      const event = events.get(id);
      if (!event) throw invalid(`No such event: '${id}'`, "id", "resource_missing", 404);
      return ok(snapshot(event));
    }],
  ];

  async function handleApi(req: http.IncomingMessage, method: string, url: URL, body: string, requestId: string): Promise<Reply> {
    const auth = req.headers.authorization ?? "";
    if (!/^Bearer (sk|rk)_(test|live)_\w+$/.test(auth)) {
      const message = auth
        ? "Invalid API Key provided. Expected 'Authorization: Bearer sk_test_...'."
        : "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').";
      throw new ApiError(401, { type: "invalid_request_error", message });
    }
    const route = api.find(([m, pattern]) => m === method && pattern.test(url.pathname));
    if (!route) throw invalid(`Unrecognized request URL (${method}: ${url.pathname}).`, undefined, undefined, 404);
    const id = decodeURIComponent(route[1].exec(url.pathname)?.[1] ?? "");
    const rawParams = method === "GET" ? url.search.slice(1) : body;
    const idempotencyKey = method === "POST" ? (req.headers["idempotency-key"] as string | undefined) : undefined;
    const ctx: Ctx = { id, params: parseStripeForm(rawParams), requestId, ...(idempotencyKey ? { idempotencyKey } : {}) };
    if (!idempotencyKey) return route[2](ctx);

    const stored = idempotency.get(idempotencyKey);
    if (stored) {
      if (stored.method !== method || stored.path !== url.pathname || stored.params !== canonical(rawParams)) {
        throw new ApiError(400, {
          type: "idempotency_error",
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        });
      }
      return { ...stored.reply, replayed: true };
    }
    const reply = await route[2](ctx);
    idempotency.set(idempotencyKey, { method, path: url.pathname, params: canonical(rawParams), reply });
    return reply;
  }

  // ---- Control endpoints (/_emulator), no auth, CORS from anywhere ----
  async function handleControl(method: string, path: string): Promise<Reply> {
    if (method === "GET" && path === "/_emulator/health") return ok({ ok: true });
    const refundMatch = /^\/_emulator\/(payment_intents|refunds)\/([^/]+)\/(dashboard_refund|fail)$/.exec(path);
    if (method === "POST" && refundMatch?.[1] === "payment_intents" && refundMatch[3] === "dashboard_refund") {
      return ok(await emulator.dashboardRefund(decodeURIComponent(refundMatch[2]!)));
    }
    if (method === "POST" && refundMatch?.[1] === "refunds" && refundMatch[3] === "fail") {
      return ok(await emulator.failRefund(decodeURIComponent(refundMatch[2]!)));
    }
    const match = /^\/_emulator\/payment_intents\/([^/]+)\/(succeed|fail|redeliver)$/.exec(path);
    if (method !== "POST" || !match) throw invalid(`Unrecognized emulator URL (${method}: ${path}).`, undefined, undefined, 404);
    const id = decodeURIComponent(match[1]!);
    const action = match[2]!;
    if (action === "succeed") return ok(await emulator.succeed(id));
    if (action === "fail") return ok(await emulator.fail(id));
    getIntent(id);
    const last = lastEventByIntent.get(id);
    if (!last) throw invalid(`No event has been sent for payment_intent '${id}' yet.`, "intent", "resource_missing", 404);
    return ok(await deliver(last));
  }

  const server = http.createServer((req, res) => {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://emulator.local");
    const control = url.pathname.startsWith("/_emulator");
    const requestId = randomId("req_", 14);
    const headers: Record<string, string> = { "Content-Type": "application/json", "Request-Id": requestId, "Stripe-Version": String(req.headers["stripe-version"] ?? Stripe.API_VERSION) };
    if (control) {
      Object.assign(headers, { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS", "Access-Control-Allow-Headers": "Content-Type", "Access-Control-Max-Age": "600" });
    }
    const idempotencyKey = req.headers["idempotency-key"] as string | undefined;
    requestLog.push({ method, path: url.pathname, ...(idempotencyKey ? { idempotencyKey } : {}) });
    const send = (reply: Reply) => {
      if (reply.replayed) headers["Idempotent-Replayed"] = "true";
      if (idempotencyKey && !control) headers["Idempotency-Key"] = idempotencyKey;
      log(`${method} ${url.pathname} -> ${reply.status}${reply.replayed ? " (idempotent replay)" : ""}`);
      res.writeHead(reply.status, headers).end(reply.status === 204 ? undefined : JSON.stringify(reply.body, null, 2));
    };
    if (control && method === "OPTIONS") return send({ status: 204, body: null });
    if (hang && !control) return; // accepted, never answered; close() destroys the socket
    readBody(req)
      .then((body) => (control ? handleControl(method, url.pathname) : handleApi(req, method, url, body, requestId)))
      .then(send, (err: unknown) => {
        if (err instanceof ApiError) return send({ status: err.status, body: { error: err.body } });
        log(`internal error: ${err instanceof Error ? err.stack : String(err)}`);
        send({ status: 500, body: { error: { type: "api_error", message: "Internal emulator error." } } });
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const host = options.host ?? "127.0.0.1";
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  log(`Stripe emulator listening on ${url}`);

  const emulator: StripeEmulator = {
    url,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    setWebhookUrl: (next) => {
      webhookUrl = next;
    },
    succeed: async (id) => deliver(settle(id, "succeed")),
    fail: async (id) => deliver(settle(id, "fail")),
    deliver,
    signedDelivery,
    paymentIntents: () => snapshot([...intents.values()]),
    refunds: () => snapshot([...refunds.values()]),
    requests: () => snapshot(requestLog),
    setHang: (on) => {
      hang = on;
    },
    forget: (id) => {
      intents.delete(id);
    },
    dashboardRefund: async (paymentIntentId, amount) => {
      const pi = getIntent(paymentIntentId);
      if (pi.status !== "succeeded") throw new Error(`payment_intent ${pi.id} has no successful charge`);
      const remaining = pi.amount_received - refundedAmount(pi.id);
      const value = amount ?? remaining;
      if (value < 1 || value > remaining) throw new Error(`refund amount ${value} is outside 1..${remaining}`);
      const refund = createRefund(pi, value, {}, "requested_by_customer");
      const result = await deliver(objectEvent("charge.refunded", chargeOf(pi)));
      return { ...result, refund: snapshot(refund) };
    },
    failRefund: async (refundId, failureReason = "expired_or_canceled_card") => {
      const refund = refunds.get(refundId);
      if (!refund) throw new Error(`no refund ${refundId}`);
      refund.status = "failed";
      refund.failure_reason = failureReason;
      refund.failure_balance_transaction = randomId("txn_");
      return deliver(objectEvent("refund.updated", refund));
    },
    idle: async () => {
      while (background.size > 0) await Promise.all([...background]);
    },
  };
  return emulator;
}
