import "server-only";
import Stripe from "stripe";
import { prisma } from "@/lib/server/db/client";
import { logger } from "@/lib/server/logger";
import { getStripe } from "@/lib/server/stripe";
import { now as clockNow } from "@/lib/clock";

// An expired hold's PaymentIntent must stop being payable: otherwise the guest can still pay,
// is charged, and the webhook refunds (the owner loses Stripe's fee) when the nights went to
// someone else. Cancelled outside any database transaction, once per PaymentIntent (an
// idempotency key per PaymentIntent), and recorded on the hold so a failed call is retried by
// the next run of the expire-holds job.

/** At most this many PaymentIntents are cancelled per call, so one run stays short. */
export const CANCEL_BATCH = 50;

/**
 * Cancels the PaymentIntents of EXPIRED holds not yet cancelled (only `holdIds` when given).
 * Returns how many were settled (cancelled, or found already final at Stripe).
 */
export async function cancelExpiredIntents(options: { holdIds?: string[]; now?: Date } = {}): Promise<{ cancelled: number; failed: number }> {
  if (options.holdIds && options.holdIds.length === 0) return { cancelled: 0, failed: 0 };
  const holds = await prisma.hold.findMany({
    where: {
      status: "EXPIRED",
      stripeIntentId: { not: null },
      intentCancelledAt: null,
      ...(options.holdIds ? { id: { in: options.holdIds } } : {}),
    },
    select: { id: true, stripeIntentId: true },
    take: CANCEL_BATCH,
  });
  let cancelled = 0;
  let failed = 0;
  for (const hold of holds) {
    const intentId = hold.stripeIntentId!;
    try {
      await getStripe().paymentIntents.cancel(intentId, { cancellation_reason: "abandoned" }, { idempotencyKey: `cancel:${intentId}` });
    } catch (error) {
      if (!isFinalAlready(error)) {
        failed++;
        logger.warn({ err: error, holdId: hold.id, paymentIntentId: intentId }, "could not cancel an expired hold's payment intent; will retry");
        continue;
      }
    }
    await prisma.hold.updateMany({ where: { id: hold.id, intentCancelledAt: null }, data: { intentCancelledAt: options.now ?? clockNow() } });
    cancelled++;
  }
  if (holds.length > 0) logger.info({ cancelled, failed }, "expired holds' payment intents cancelled");
  return { cancelled, failed };
}

/** Already succeeded or cancelled, or unknown to Stripe: nothing left to cancel. */
function isFinalAlready(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeInvalidRequestError &&
    (error.code === "payment_intent_unexpected_state" || error.code === "resource_missing")
  );
}
