import { afterAll } from "vitest";
import { startStripeEmulator } from "@/tools/stripe-emulator/emulator";
import { startRouteServer } from "./route-server";

// Import this FIRST in a test file that talks to Stripe: it starts a Stripe emulator for the file
// and points the app at it (STRIPE_API_BASE) before the app's environment is first read, then
// serves the webhook route over real HTTP so the emulator delivers signed events to it.
const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET;
if (!webhookSecret) throw new Error("setup-file.ts must set STRIPE_WEBHOOK_SECRET first");

export const emulator = await startStripeEmulator({ port: 0, webhookSecret });
process.env.STRIPE_API_BASE = emulator.url;

const { POST: stripeWebhook } = await import("@/app/api/v1/webhooks/stripe/route");
export const WEBHOOK_PATH = "/api/v1/webhooks/stripe";
export const webhookServer = await startRouteServer({ [WEBHOOK_PATH]: { POST: stripeWebhook } });
export const webhookUrl = `${webhookServer.url}${WEBHOOK_PATH}`;
emulator.setWebhookUrl(webhookUrl);

const { getEnv } = await import("@/lib/env");
if (getEnv().STRIPE_API_BASE !== emulator.url) {
  throw new Error("the app read its environment before tests/support/stripe.ts: import it first");
}

afterAll(async () => {
  await webhookServer.close();
  await emulator.close();
});
