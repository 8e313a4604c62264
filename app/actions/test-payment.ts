"use server";

import { getEnv } from "@/lib/env";
import { getStripe } from "@/lib/server/stripe";

// The test-mode card form of /checkout (shown only when PAYMENTS_DEMO_MODE=true)
// confirms the PaymentIntent from the server with one of Stripe's test payment methods. This
// works against the local Stripe emulator and against Stripe in test mode, and the booking is
// still created by the real signed webhook. It refuses to run with a live key.

export type TestPaymentResult = { ok: true } | { ok: false; message: string };

const TEST_CARDS: Record<string, string> = {
  "4242424242424242": "pm_card_visa",
  "4000000000000002": "pm_card_chargeDeclined",
};

export async function payInTestMode(input: { paymentIntentId: string; cardNumber: string }): Promise<TestPaymentResult> {
  // Only in explicit demo mode (never merely because the key is a test key: a test-mode site
  // must not let anyone mark any PaymentIntent paid), and never with a live key.
  const env = getEnv();
  if (!env.PAYMENTS_DEMO_MODE || /^(sk|rk)_live_/.test(env.STRIPE_SECRET_KEY)) {
    return { ok: false, message: "Test-mode payments are disabled on this site." };
  }
  const paymentIntentId = String(input?.paymentIntentId ?? "");
  if (!/^pi_[A-Za-z0-9_]{1,200}$/.test(paymentIntentId)) {
    return { ok: false, message: "This checkout is not valid. Please reserve again." };
  }
  const digits = String(input?.cardNumber ?? "").replace(/[\s-]/g, "");
  const paymentMethod = TEST_CARDS[digits];
  if (!paymentMethod) {
    return { ok: false, message: "Use one of the test card numbers shown: 4242 4242 4242 4242 (succeeds) or 4000 0000 0000 0002 (declined)." };
  }
  try {
    const stripe = getStripe();
    const intent = await stripe.paymentIntents.confirm(paymentIntentId, { payment_method: paymentMethod });
    if (intent.status === "succeeded" || intent.status === "processing") return { ok: true };
    return { ok: false, message: "The payment did not go through. Please try another card." };
  } catch (error) {
    const e = error as { type?: string; code?: string; decline_code?: string; message?: string };
    if (e?.type === "StripeCardError" || e?.code === "card_declined") {
      return { ok: false, message: "Your card was declined. Please try another card." };
    }
    if (e?.code === "payment_intent_unexpected_state") {
      return { ok: false, message: "This payment was already completed or cancelled." };
    }
    console.error("test-mode payment failed", e?.type, e?.code);
    return { ok: false, message: "The payment could not be processed right now. Please try again." };
  }
}
