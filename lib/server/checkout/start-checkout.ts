import "server-only";
import { createHash } from "node:crypto";
import Stripe from "stripe";
import { fromDbDate } from "@/lib/dates";
import type { Prisma } from "@prisma/client";
import type { Quote } from "@/lib/pricing/price-stay";
import type { PolicySnapshot } from "@/lib/cancellation/policy";
import type { CustomerInput } from "@/lib/api/schemas/common";
import { guestSnapshot, upsertCustomer } from "@/lib/server/customers/upsert-customer";
import { prisma } from "@/lib/server/db/client";
import { isConflictError } from "@/lib/server/db/errors";
import { AppError, holdAlreadyPaid, holdExpired } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";
import { computeQuote } from "@/lib/server/pricing";
import { getCancellationTerms, policyView } from "@/lib/server/cancellation/get-cancellation-terms";
import { now as clockNow } from "@/lib/clock";
import { getStripe, paymentProviderError } from "@/lib/server/stripe";
import { cancelExpiredIntents } from "@/lib/server/payments/cancel-expired-intents";
import { enforceGuestHoldLimit } from "@/lib/server/holds/guest-hold-limit";

export interface StartCheckoutOptions {
  holdId: string;
  customer: CustomerInput;
  now?: Date;
}

/** What a booking keeps of its quote (Hold.quote, then Booking's split columns). */
export interface PriceSnapshot {
  baseCents: number;
  discountCents: number;
  feesCents: number;
  taxCents: number;
  totalCents: number;
  currency: string;
  lineItems: Quote["lineItems"];
  taxLines: Quote["taxLines"];
}

function priceSnapshot(quote: Quote): PriceSnapshot {
  const { baseCents, discountCents, feesCents, taxCents, totalCents, currency, lineItems, taxLines } = quote;
  return { baseCents, discountCents, feesCents, taxCents, totalCents, currency, lineItems, taxLines };
}

export interface CheckoutResult {
  holdId: string;
  /** The held stay, so a caller that only has the hold id (e.g. a chatbot's link) can show it. */
  unitId: string;
  checkIn: string;
  checkOut: string;
  guests: number | null;
  pets: number;
  clientSecret: string;
  paymentIntentId: string;
  amountCents: number;
  /** ISO 4217, upper-case as everywhere else in the API ("USD"). */
  currency: string;
  /** The hold's expiry: payment should complete before it. */
  expiresAt: Date;
  /** The cancellation terms this stay is sold under; the booking keeps this exact snapshot. */
  cancellationPolicy: ReturnType<typeof policyView>;
}

/**
 * Starts (or resumes) payment of a hold: re-prices the stay on the server, records the guest,
 * and returns the client secret of the hold's one PaymentIntent. A repeated call for the same
 * hold returns the same PaymentIntent, so a double click or a retry can never charge twice.
 */
export async function startCheckout(options: StartCheckoutOptions): Promise<CheckoutResult> {
  const now = options.now ?? clockNow();
  const hold = await loadPayableHold(options.holdId, now);
  const checkIn = fromDbDate(hold.checkIn);
  const checkOut = fromDbDate(hold.checkOut);
  // A console payment-link hold (#16) is charged the price agreed in the console, not re-judged:
  // the owner may have set the total or waived a stay rule, and its nights are held by the
  // constraint like any hold's. Any other hold is re-judged and re-priced now, taxes included:
  // the rules, the party and the nights of other guests (its own nights do not count against it).
  const agreed = agreedPrice(hold.consolePrice);
  const quote = agreed
    ? null
    : await computeQuote({
        unitId: hold.unitId,
        checkIn,
        checkOut,
        guests: hold.guests ?? undefined,
        pets: hold.pets,
        ignoreStayId: hold.id,
        now,
      });
  const price: PriceSnapshot = agreed ?? priceSnapshot(quote!);
  const unitName = quote?.unit.name ?? (await prisma.unit.findUniqueOrThrow({ where: { id: hold.unitId }, select: { name: true } })).name;

  // The per-guest hold limit also binds when checkout is what names the guest (a bot's hold).
  await enforceGuestHoldLimit(prisma, { email: options.customer.email, guestKey: null, excludeHoldId: hold.id }, now);
  // The terms the guest is shown now are the terms the booking gets (the webhook copies them);
  // a console hold keeps those it was given with its price.
  const stored = hold.cancellationTerms as unknown as PolicySnapshot | null;
  const terms =
    agreed && stored?.version === 1
      ? stored
      : await getCancellationTerms({ unitId: hold.unitId, checkIn, quote: quote ?? price, now });

  const customer = await upsertCustomerOnce(options.customer);
  await prisma.hold.updateMany({
    where: { id: hold.id, status: "ACTIVE" },
    data: { customerId: customer.id, ...guestSnapshot(options.customer), cancellationTerms: terms as unknown as Prisma.InputJsonValue },
  });

  const wanted = {
    amount: price.totalCents,
    currency: price.currency.toLowerCase(),
    receipt_email: customer.email,
    metadata: { holdId: hold.id, unitId: hold.unitId, checkIn, checkOut, customerId: customer.id, taxCents: String(price.taxCents) },
    description: `Palm Aire Court — ${unitName} ${checkIn}→${checkOut}`,
  };

  const stripe = getStripe();
  let intent: Stripe.PaymentIntent;
  try {
    const recorded = hold.stripeIntentId;
    intent = recorded
      ? await resumeIntent(stripe, recorded, wanted).catch((error: unknown) => {
          // Deleted at Stripe (another environment's key, a test-data wipe): without a fresh one
          // the hold could never be paid.
          if (!isMissingIntent(error)) throw error;
          logger.warn({ holdId: hold.id, paymentIntentId: recorded }, "recorded payment intent no longer exists; creating a fresh one");
          return createIntent(stripe, hold.id, wanted, recorded);
        })
      : await createIntent(stripe, hold.id, wanted, null);
    // What the webhook will insist on: this PaymentIntent, this amount, this currency.
    await prisma.hold.updateMany({
      where: { id: hold.id, stripeIntentId: intent.id },
      data: { quotedCents: intent.amount, quotedCurrency: intent.currency.toUpperCase() },
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    logger.error({ err: error, holdId: hold.id }, "stripe payment intent call failed");
    throw paymentProviderError(error);
  }
  // The price split behind the amount the PaymentIntent now asks for: the webhook copies it onto
  // the booking, so the booking records exactly what was charged, line by line.
  if (intent.amount === price.totalCents) {
    await prisma.hold.updateMany({ where: { id: hold.id, stripeIntentId: intent.id }, data: { quote: price as unknown as Prisma.InputJsonValue } });
  }

  return {
    holdId: hold.id,
    unitId: hold.unitId,
    checkIn,
    checkOut,
    guests: hold.guests,
    pets: hold.pets,
    clientSecret: intent.client_secret ?? "",
    paymentIntentId: intent.id,
    amountCents: intent.amount,
    currency: intent.currency.toUpperCase(),
    expiresAt: hold.expiresAt,
    cancellationPolicy: policyView(terms),
  };
}

/** The price a console payment-link hold was agreed at (Hold.consolePrice), or null. */
function agreedPrice(value: Prisma.JsonValue): PriceSnapshot | null {
  const v = value as Partial<PriceSnapshot> | null;
  if (!v || typeof v.totalCents !== "number" || typeof v.currency !== "string" || !Array.isArray(v.lineItems) || !Array.isArray(v.taxLines)) return null;
  return {
    baseCents: v.baseCents ?? 0,
    discountCents: v.discountCents ?? 0,
    feesCents: v.feesCents ?? 0,
    taxCents: v.taxCents ?? 0,
    totalCents: v.totalCents,
    currency: v.currency,
    lineItems: v.lineItems,
    taxLines: v.taxLines,
  };
}

async function loadPayableHold(holdId: string, now: Date) {
  const hold = await prisma.hold.findUnique({ where: { id: holdId } });
  if (!hold) throw new AppError("NOT_FOUND", "No hold with that id exists.");
  if (hold.status === "CONVERTED") throw holdAlreadyPaid();
  if (hold.status !== "ACTIVE" || hold.expiresAt <= now) {
    if (hold.status === "ACTIVE") {
      await prisma.hold.updateMany({ where: { id: hold.id, status: "ACTIVE" }, data: { status: "EXPIRED" } });
    }
    // The guest is told to start again, so the old PaymentIntent must stop being payable.
    if (hold.stripeIntentId) await cancelExpiredIntents({ holdIds: [hold.id] }).catch(() => undefined);
    throw holdExpired();
  }
  return hold;
}

async function upsertCustomerOnce(input: CustomerInput) {
  try {
    return await upsertCustomer(prisma, input);
  } catch (error) {
    // Two first-time checkouts with one email can both miss, then one insert loses; the second
    // try finds the row and updates it.
    if (isConflictError(error)) return upsertCustomer(prisma, input);
    throw error;
  }
}

type IntentParams = {
  amount: number;
  currency: string;
  receipt_email: string;
  metadata: Record<string, string>;
  description: string;
};

/**
 * Creates the hold's PaymentIntent and records it on the hold. The idempotency key is the hold
 * plus a digest of the parameters: a retried identical request replays Stripe's answer, while a
 * retry with different details (new email) cannot hit Stripe's "same key, other parameters"
 * error. Only one PaymentIntent is ever recorded on the hold (`stripeIntentId IS NULL` guard), and
 * every caller returns the recorded one, so a second PaymentIntent's secret is never handed out.
 */
async function createIntent(stripe: Stripe, holdId: string, wanted: IntentParams, replacing: string | null): Promise<Stripe.PaymentIntent> {
  const digest = createHash("sha256").update(JSON.stringify(wanted)).digest("hex").slice(0, 16);
  // A replacement gets its own key: the original's would replay the PaymentIntent that is gone.
  const created = await stripe.paymentIntents.create(
    { ...wanted, automatic_payment_methods: { enabled: true } },
    { idempotencyKey: `checkout:${holdId}:${digest}${replacing ? `:after:${replacing}` : ""}` },
  );
  const recorded = await prisma.hold.updateMany({
    where: { id: holdId, stripeIntentId: replacing },
    data: { stripeIntentId: created.id },
  });
  if (recorded.count === 1) return created;

  // Another checkout for this hold recorded its PaymentIntent first: return that one and cancel
  // ours, whose secret nobody has seen.
  const hold = await prisma.hold.findUnique({ where: { id: holdId }, select: { stripeIntentId: true } });
  if (!hold?.stripeIntentId || hold.stripeIntentId === created.id) return created;
  await stripe.paymentIntents.cancel(created.id).catch((error: unknown) => {
    logger.warn({ err: error, paymentIntentId: created.id, holdId }, "could not cancel a duplicate payment intent");
  });
  return resumeIntent(stripe, hold.stripeIntentId, wanted);
}

function isMissingIntent(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing";
}

/** The hold's recorded PaymentIntent, brought up to date with the current quote and guest. */
async function resumeIntent(stripe: Stripe, intentId: string, wanted: IntentParams): Promise<Stripe.PaymentIntent> {
  const intent = await stripe.paymentIntents.retrieve(intentId);
  if (intent.status === "succeeded" || intent.status === "processing") throw holdAlreadyPaid();
  if (intent.status === "canceled") throw holdExpired();
  const changed =
    intent.amount !== wanted.amount ||
    intent.currency !== wanted.currency ||
    intent.receipt_email !== wanted.receipt_email ||
    intent.metadata.customerId !== wanted.metadata.customerId;
  if (!changed) return intent;
  return stripe.paymentIntents
    .update(intentId, {
      amount: wanted.amount,
      currency: wanted.currency,
      receipt_email: wanted.receipt_email,
      metadata: wanted.metadata,
      description: wanted.description,
    })
    .catch(async (error: unknown) => {
      // Between the read and the update the hold lapsed (its PaymentIntent was cancelled by the
      // expiry path) or the guest paid in another tab: say which, not "provider unreachable".
      if (!(error instanceof Stripe.errors.StripeInvalidRequestError) || error.code !== "payment_intent_unexpected_state") throw error;
      const now = await stripe.paymentIntents.retrieve(intentId);
      if (now.status === "canceled") throw holdExpired();
      if (now.status === "succeeded" || now.status === "processing") throw holdAlreadyPaid();
      throw error;
    });
}
