import "server-only";
import type { Prisma, Refund } from "@prisma/client";
import type { PriceSnapshot } from "@/lib/server/checkout/start-checkout";
import Stripe from "stripe";
import { now as clockNow } from "@/lib/clock";
import { fromDbDate } from "@/lib/dates";
import { prisma, type Tx } from "@/lib/server/db/client";
import { lockUnit } from "@/lib/server/db/lock-unit";
import { withUnitGate } from "@/lib/server/db/unit-gate";
import { withSerializableRetry } from "@/lib/server/db/with-serializable-retry";
import { findBlockingStays } from "@/lib/server/availability/find-blocking-stays";
import { isConflictError } from "@/lib/server/db/errors";
import { logger } from "@/lib/server/logger";
import { computeQuote } from "@/lib/server/pricing";
import { getStripe } from "@/lib/server/stripe";
import { recordStripeEvent, type EventOutcome } from "@/lib/server/webhooks/record-event";
import { generateBookingCode } from "@/lib/server/bookings/booking-code";
import { enqueueBookingConfirmed, enqueueLatePaymentRefunded } from "@/lib/server/notifications/enqueue";
import { snapshotForBooking } from "@/lib/server/cancellation/snapshot-for-booking";

// A succeeded payment ends in exactly one booking or exactly one full refund (docs/decisions.md).
//
// Phase 1, one SERIALIZABLE transaction behind the unit's advisory lock, decides: either it books
// (Booking + Payment + hold CONVERTED + StripeEvent, all or nothing), or it records the decision
// to refund (a Refund row without a Stripe refund id yet). Once a Refund row exists the payment
// can never be booked, and once a Payment row exists it can never be refunded.
// Phase 2, only for a refund: the Stripe refund call, outside any transaction (never hold a
// database transaction across an HTTP call), with an idempotency key per PaymentIntent; then a
// short transaction stores the refund id and the StripeEvent. If anything fails the webhook
// answers 5xx, no StripeEvent is stored, and Stripe's redelivery resumes from the recorded decision.

type RefundReason = "dates_taken" | "hold_already_booked" | "no_customer";
type MismatchReason = "intent_not_recorded" | "amount_short" | "currency_mismatch";

/** What checkout asked for when the hold has no recorded amount (holds from before it was kept). */
type Expected = { cents: number; currency: string } | null;

function paymentMismatch(
  hold: { stripeIntentId: string | null; quotedCents: number | null; quotedCurrency: string | null },
  intentId: string,
  amountCents: number,
  currency: string,
  fallback: Expected,
): MismatchReason | null {
  if (hold.stripeIntentId !== intentId) return "intent_not_recorded";
  const expected = hold.quotedCents !== null && hold.quotedCurrency ? { cents: hold.quotedCents, currency: hold.quotedCurrency } : fallback;
  if (!expected) return null;
  if (currency !== expected.currency.toUpperCase()) return "currency_mismatch";
  if (amountCents < expected.cents) return "amount_short";
  return null;
}

type Decision = { kind: "done"; outcome: EventOutcome } | { kind: "refund"; refund: Refund };

export async function handlePaymentIntentSucceeded(event: Stripe.PaymentIntentSucceededEvent): Promise<EventOutcome> {
  const intent = event.data.object;
  const holdId = intent.metadata?.holdId;
  // Only the unit id is read here, to know which lock to take; it never changes on a hold.
  const hold = holdId
    ? await prisma.hold.findUnique({ where: { id: holdId }, select: { id: true, unitId: true, checkIn: true, checkOut: true, quotedCents: true, guests: true, pets: true } })
    : null;
  if (!holdId || !hold) {
    // Not a payment this app started (another integration on the same Stripe account, or another
    // environment): never refund someone else's charge. Recorded so it is not reprocessed.
    await withSerializableRetry((tx) => recordStripeEvent(tx, event));
    logger.error({ stripeEventId: event.id, paymentIntentId: intent.id, holdId }, "succeeded payment for no known hold; left alone");
    return "ignored";
  }

  // A hold paid through a checkout from before quotedCents was recorded: the server's price now.
  const expected = hold.quotedCents === null ? await currentPrice(hold) : null;
  const decision = await withUnitGate(hold.unitId, () => withSerializableRetry((tx) => decide(tx, event, holdId, hold.unitId, expected), {
    // A unique or exclusion violation means our snapshot missed a concurrent commit (the same
    // event delivered twice at once, or a booking made meanwhile): a fresh try sees it and decides again.
    retryIf: isConflictError,
  }));
  if (decision.kind === "done") return decision.outcome;
  await completeRefund(event, decision.refund);
  return "refunded";
}

async function decide(tx: Tx, event: Stripe.PaymentIntentSucceededEvent, holdId: string, unitId: string, expected: Expected): Promise<Decision> {
  const intent = event.data.object;
  await lockUnit(tx, unitId);

  if (await tx.stripeEvent.findUnique({ where: { id: event.id }, select: { id: true } })) return { kind: "done", outcome: "duplicate" };
  // Keyed by PaymentIntent as well as by event: a second event about the same payment (Stripe
  // may send one with a new id) must not book or refund again.
  if (await tx.payment.findUnique({ where: { stripeIntentId: intent.id }, select: { id: true } })) {
    await recordStripeEvent(tx, event);
    return { kind: "done", outcome: "duplicate" };
  }
  const decided = await tx.refund.findUnique({ where: { stripeIntentId: intent.id } });
  if (decided) {
    if (decided.stripeRefundId) {
      await recordStripeEvent(tx, event);
      return { kind: "done", outcome: "duplicate" };
    }
    return { kind: "refund", refund: decided }; // decided earlier, refund call not yet confirmed
  }

  const hold = await tx.hold.findUniqueOrThrow({ where: { id: holdId }, include: { booking: { select: { id: true } } } });
  const amountCents = intent.amount_received > 0 ? intent.amount_received : intent.amount;
  const currency = intent.currency.toUpperCase();

  // A signed event is genuine, but it only proves that this PaymentIntent was paid. It books the
  // hold only if it is the PaymentIntent recorded on the hold at checkout and paid what checkout
  // asked for; anything else (an intent created elsewhere naming our hold, an amount changed
  // after checkout, another currency) is refunded and the hold is left as it is.
  const mismatch = paymentMismatch(hold, intent.id, amountCents, currency, expected);
  if (mismatch) {
    logger.error(
      { stripeEventId: event.id, paymentIntentId: intent.id, holdId: hold.id, reason: mismatch, amountCents, currency },
      "payment does not match its hold; refunding",
    );
    const refund = await tx.refund.create({ data: { stripeIntentId: intent.id, holdId: hold.id, amountCents, currency, reason: mismatch } });
    return { kind: "refund", refund };
  }
  const now = clockNow();
  // Take this hold out of the blocking set first, so the check below sees only other guests'
  // stays; it ends CONVERTED when booked, CANCELLED when refunded.
  if (hold.status === "ACTIVE") await tx.hold.update({ where: { id: hold.id }, data: { status: "CANCELLED" } });
  const checkIn = fromDbDate(hold.checkIn);
  const checkOut = fromDbDate(hold.checkOut);
  const blocking = await findBlockingStays(tx, { unitId, start: checkIn, end: checkOut, now, turnoverDays: hold.turnoverDays });
  const customerId = hold.customerId ?? (await customerFromMetadata(tx, intent));

  let reason: RefundReason | null = null;
  if (hold.booking) reason = "hold_already_booked";
  else if (blocking.length > 0) reason = "dates_taken";
  else if (!customerId) reason = "no_customer";

  if (reason || !customerId) {
    const refund = await tx.refund.create({
      data: { stripeIntentId: intent.id, holdId: hold.id, amountCents, currency, reason: reason ?? "no_customer" },
    });
    return { kind: "refund", refund };
  }

  // The hold may be EXPIRED (or ACTIVE past expiresAt): the nights are still free, so the guest
  // who paid gets them.
  // The cancellation terms shown at checkout, frozen on the booking (issue #14).
  const cancellationPolicy = await snapshotForBooking(tx, hold, amountCents, currency, now);
  // The code is drawn here; the one-in-millions clash with an existing code is a unique
  // violation, and the retry above draws a new one.
  const booking = await tx.booking.create({
    data: {
      code: generateBookingCode(),
      unitId,
      customerId,
      checkIn: hold.checkIn,
      checkOut: hold.checkOut,
      totalCents: amountCents,
      currency,
      holdId: hold.id,
      guests: hold.guests,
      pets: hold.pets,
      turnoverDays: hold.turnoverDays,
      ...chargedSplit(hold.quote, amountCents, { holdId: hold.id, paymentIntentId: intent.id }),
      cancellationPolicy: cancellationPolicy as unknown as Prisma.InputJsonValue,
      // The name and phone given for this stay (the Customer row is shared across stays).
      guestFirstName: hold.guestFirstName,
      guestLastName: hold.guestLastName,
      guestPhone: hold.guestPhone,
      // A console payment-link hold (#16): the booking keeps its origin and the engine's price.
      ...consoleOrigin(hold.consolePrice),
    },
    select: { id: true, checkOut: true },
  });
  await tx.payment.create({
    data: { bookingId: booking.id, stripeIntentId: intent.id, amountCents, currency, status: intent.status },
  });
  await tx.hold.update({ where: { id: hold.id }, data: { status: "CONVERTED" } });
  // Same transaction as the booking: its confirmation and the owner's alert exist if and only if it does.
  await enqueueBookingConfirmed(tx, booking);
  await recordStripeEvent(tx, event);
  logger.info({ stripeEventId: event.id, paymentIntentId: intent.id, holdId: hold.id, bookingId: booking.id }, "payment booked");
  return { kind: "done", outcome: "booked" };
}

/**
 * The price split of what was charged: the quote recorded on the hold when its PaymentIntent was
 * set to that amount. Should the two ever disagree (a checkout interrupted between Stripe and the
 * database), the amount is what the guest paid; the split is then unknown and recorded as all
 * nightly charge, and the mismatch is logged for the owner to look at.
 */
function chargedSplit(
  recorded: Prisma.JsonValue,
  amountCents: number,
  ids: { holdId: string; paymentIntentId: string },
): Pick<Prisma.BookingUncheckedCreateInput, "baseCents" | "discountCents" | "feesCents" | "taxCents" | "lineItems" | "taxLines"> {
  const snapshot = recorded as Partial<PriceSnapshot> | null;
  if (snapshot && snapshot.totalCents === amountCents && Array.isArray(snapshot.lineItems) && Array.isArray(snapshot.taxLines)) {
    return {
      baseCents: snapshot.baseCents ?? 0,
      discountCents: snapshot.discountCents ?? 0,
      feesCents: snapshot.feesCents ?? 0,
      taxCents: snapshot.taxCents ?? 0,
      // Plain JSON objects (interfaces without index signatures, hence the cast through unknown).
      lineItems: snapshot.lineItems as unknown as Prisma.InputJsonValue,
      taxLines: snapshot.taxLines as unknown as Prisma.InputJsonValue,
    };
  }
  logger.error({ ...ids, amountCents, recordedTotalCents: snapshot?.totalCents ?? null }, "paid amount does not match the recorded quote; price split unknown");
  return { baseCents: amountCents, discountCents: 0, feesCents: 0, taxCents: 0, lineItems: [], taxLines: [] };
}

function consoleOrigin(consolePrice: Prisma.JsonValue): Pick<Prisma.BookingUncheckedCreateInput, "source" | "engineTotalCents"> {
  const engineTotalCents = (consolePrice as { engineTotalCents?: unknown } | null)?.engineTotalCents;
  return typeof engineTotalCents === "number" ? { source: "CONSOLE", engineTotalCents } : {};
}

async function currentPrice(hold: { id: string; unitId: string; checkIn: Date; checkOut: Date; guests: number | null; pets: number }): Promise<Expected> {
  try {
    // The hold's own nights do not count against it; its dates may be past by now.
    const quote = await computeQuote({
      unitId: hold.unitId,
      checkIn: fromDbDate(hold.checkIn),
      checkOut: fromDbDate(hold.checkOut),
      guests: hold.guests ?? undefined,
      pets: hold.pets,
      ignoreStayId: hold.id,
      allowPast: true,
    });
    return { cents: quote.totalCents, currency: quote.currency };
  } catch {
    return null; // unpriceable now (unit retired): judged on the PaymentIntent alone
  }
}

async function customerFromMetadata(tx: Tx, intent: Stripe.PaymentIntent): Promise<string | null> {
  const id = intent.metadata?.customerId;
  if (!id) return null;
  const customer = await tx.customer.findUnique({ where: { id }, select: { id: true } });
  return customer?.id ?? null;
}

async function completeRefund(event: Stripe.PaymentIntentSucceededEvent, refund: Refund): Promise<void> {
  const intent = event.data.object;
  const stripe = getStripe();
  let stripeRefundId: string | null;
  try {
    // Parameters come from the recorded decision, so every retry sends the same request and the
    // idempotency key replays the first refund instead of refunding twice.
    const created = await stripe.refunds.create(
      {
        payment_intent: intent.id,
        amount: refund.amountCents,
        reason: "requested_by_customer",
        metadata: { holdId: refund.holdId ?? "", reason: refund.reason },
      },
      { idempotencyKey: `refund:${intent.id}` },
    );
    stripeRefundId = created.id;
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "charge_already_refunded")) throw error;
    // Refunded by someone else (e.g. by hand in the dashboard): the money is back either way.
    const existing = await stripe.refunds.list({ payment_intent: intent.id, limit: 1 });
    stripeRefundId = existing.data[0]?.id ?? null;
  }

  await withSerializableRetry(async (tx) => {
    const stored = await tx.refund.updateMany({ where: { id: refund.id, stripeRefundId: null }, data: { stripeRefundId } });
    // Told once, when the refund is known to Stripe (not when it was only decided), and only
    // when there is a guest to tell.
    if (stored.count === 1 && refund.holdId) {
      const hold = await tx.hold.findUnique({ where: { id: refund.holdId }, select: { customerId: true } });
      if (hold?.customerId) await enqueueLatePaymentRefunded(tx, { id: refund.id, holdId: refund.holdId });
    }
    await recordStripeEvent(tx, event);
  });
  logger.warn(
    {
      stripeEventId: event.id,
      paymentIntentId: intent.id,
      holdId: refund.holdId,
      refundId: stripeRefundId,
      amountCents: refund.amountCents,
      reason: refund.reason,
    },
    "payment refunded instead of booked",
  );
}
