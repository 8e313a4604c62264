import "server-only";
import Stripe from "stripe";
import { env } from "@/lib/env";
import { invalidSignature, AppError } from "@/lib/server/errors";

// The one Stripe client of the process. The API version is pinned here, not taken from the
// account's default, so a dashboard upgrade can never change the shape of what we parse.
export const STRIPE_API_VERSION = "2026-02-25.clover" as const satisfies Stripe.LatestApiVersion;

/** One Stripe call: each attempt waits at most this long (ms)... */
export const STRIPE_ATTEMPT_TIMEOUT_MS = 4500;
/** ...and is retried once (network failures, timeouts, 409/429/5xx). */
export const STRIPE_RETRIES = 1;
/** So a call that gets no answer ends within about this long (ms): 2 × 4.5 s + back-off. */
export const STRIPE_DEADLINE_MS = 10_000;
/** Seconds a caller should wait before trying again after a 502 from the payment provider. */
export const STRIPE_RETRY_AFTER_SECONDS = 10;

const globalForStripe = globalThis as unknown as { __palmStripe?: { key: string; base: string; client: Stripe } };

/** Host, port and protocol of STRIPE_API_BASE (a local emulator), or nothing for api.stripe.com. */
export function stripeHostConfig(base: string | undefined): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!base) return {};
  const url = new URL(base);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

export function getStripe(): Stripe {
  const key = env.STRIPE_SECRET_KEY;
  const base = env.STRIPE_API_BASE ?? "";
  const cached = globalForStripe.__palmStripe;
  if (cached && cached.key === key && cached.base === base) return cached.client;
  const client = new Stripe(key, {
    apiVersion: STRIPE_API_VERSION,
    ...stripeHostConfig(base || undefined),
    // POSTs retried by the SDK carry an idempotency key (ours, or one the SDK adds), so a retry
    // after a dropped connection never creates a second PaymentIntent or refund.
    maxNetworkRetries: STRIPE_RETRIES,
    // Per attempt: two attempts and the SDK's short back-off stay within STRIPE_DEADLINE_MS, under
    // the site's own 15 s wait for the API, so a stalled Stripe is a clean 502 the site can show.
    timeout: STRIPE_ATTEMPT_TIMEOUT_MS,
    appInfo: { name: "palm-aire-court" },
  });
  globalForStripe.__palmStripe = { key, base, client };
  return client;
}

/**
 * Verifies a webhook delivery against STRIPE_WEBHOOK_SECRET and returns the event. The raw body
 * must be the exact bytes received: any re-serialisation breaks the signature.
 */
export function verifyStripeEvent(rawBody: string, signature: string | null | undefined): Stripe.Event {
  if (!signature) throw invalidSignature();
  try {
    return getStripe().webhooks.constructEvent(rawBody, signature, env.STRIPE_WEBHOOK_SECRET);
  } catch (error) {
    throw invalidSignature(error);
  }
}

/** A Stripe API failure as the caller sees it: a generic 502; the details go to the log only. */
export function paymentProviderError(cause: unknown): AppError {
  return new AppError("PAYMENT_PROVIDER_ERROR", "The payment provider could not be reached; please try again.", {
    cause,
    headers: { "Retry-After": String(STRIPE_RETRY_AFTER_SECONDS) },
  });
}
