import "server-only";
import type { BookingRefund, BookingStatus, CancelActor, Prisma } from "@prisma/client";
import { computeRefund, type PolicySnapshot, type RefundComputation } from "@/lib/cancellation/policy";
import { fromDbDate } from "@/lib/dates";
import { now as clockNow } from "@/lib/clock";
import { getCancellationTerms } from "@/lib/server/cancellation/get-cancellation-terms";
import { prisma, type Db, type Tx } from "@/lib/server/db/client";
import { lockUnit } from "@/lib/server/db/lock-unit";
import { withUnitGate } from "@/lib/server/db/unit-gate";
import { withRowLock } from "@/lib/server/db/with-row-lock";
import { bookingNotFound, ownerOnly, refundTooLarge } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";
import { lockBookingRow, recordRefundDecision, refundableCents } from "@/lib/server/refunds/record-refund";
import { submitRefund } from "@/lib/server/refunds/submit-refund";
import { enqueueBookingCancelled } from "@/lib/server/notifications/enqueue";
import { kickOutbox } from "@/lib/server/notifications/kick-outbox";

// Cancelling a booking (issue #14): the refund comes from the policy snapshot the booking was
// sold under and the time of cancellation, unless the owner sets the amount. Two phases, as for
// the webhook's automatic refund: decideCancellation records everything in ONE transaction
// (booking cancelled, nights freed, refund decision), then the Stripe call runs outside it.

export type CancellationActor =
  | { kind: "guest" }
  | { kind: "chatbot" }
  /** The owner console calls the service directly with this actor; the REST API needs OWNER_API_KEY. */
  | { kind: "owner"; name?: string };

export interface CancelBookingOptions {
  bookingId: string;
  actor: CancellationActor;
  reason?: string;
  /** Owner only: the exact refund, 0..what remains refundable. Otherwise the policy decides. */
  refundCents?: number;
  now?: Date;
}

/** Which rule set the amount: the policy's (grace, tier, after_arrival), the owner's, or none. */
export type RefundRuleApplied = RefundComputation["rule"] | "owner" | "already_cancelled";

export interface RefundQuote {
  refundCents: number;
  rule: RefundRuleApplied;
  refundPct: number | null;
  nightlyRefundCents: number | null;
  feesAndTaxesRefundCents: number | null;
  /** Captured minus refunds already made, before this one. */
  refundableCents: number;
  currency: string;
}

export interface CancellationResult {
  bookingId: string;
  status: BookingStatus;
  cancelledAt: Date | null;
  cancelledBy: CancelActor | null;
  cancelReason: string | null;
  /** False when the booking was already cancelled: nothing changed. */
  changed: boolean;
  /** The cancellation's refund (none when it refunds nothing). */
  refund: BookingRefund | null;
  refundedCents: number;
  quote: RefundQuote | null;
}

const ACTOR: Record<CancellationActor["kind"], CancelActor> = { guest: "GUEST", chatbot: "CHATBOT", owner: "OWNER" };

type LoadedBooking = Prisma.BookingGetPayload<{ include: { payment: { select: { amountCents: true; stripeIntentId: true } } } }>;

async function loadBooking(db: Db, bookingId: string): Promise<LoadedBooking> {
  const booking = await db.booking.findUnique({
    where: { id: bookingId },
    include: { payment: { select: { amountCents: true, stripeIntentId: true } } },
  });
  if (!booking) throw bookingNotFound();
  return booking;
}

/**
 * The terms of a booking: its snapshot, or for a booking sold before snapshots existed, the
 * unit's current policy with everything paid counted as nightly charges (the cautious reading).
 */
async function termsOf(db: Db, booking: LoadedBooking): Promise<{ snapshot: PolicySnapshot; bookedAt: Date }> {
  const stored = booking.cancellationPolicy as unknown as PolicySnapshot | null;
  if (stored?.version === 1) return { snapshot: stored, bookedAt: new Date(stored.bookedAt ?? booking.createdAt) };
  const paid = booking.payment?.amountCents ?? booking.totalCents;
  const snapshot = await getCancellationTerms(
    {
      unitId: booking.unitId,
      checkIn: fromDbDate(booking.checkIn),
      quote: { baseCents: paid, discountCents: 0, totalCents: paid, currency: booking.currency },
      now: booking.createdAt,
    },
    db,
  );
  return { snapshot, bookedAt: booking.createdAt };
}

/** What a cancellation by `actor` at `now` would refund. Reads only. */
async function quoteRefund(db: Db, booking: LoadedBooking, options: Pick<CancelBookingOptions, "actor" | "refundCents">, now: Date): Promise<RefundQuote> {
  const refundable = refundableCents(booking);
  if (options.refundCents !== undefined) {
    if (options.actor.kind !== "owner") throw ownerOnly("set the refund amount");
    if (options.refundCents > refundable) throw refundTooLarge(refundable);
    return {
      refundCents: options.refundCents,
      rule: "owner",
      refundPct: null,
      nightlyRefundCents: null,
      feesAndTaxesRefundCents: null,
      refundableCents: refundable,
      currency: booking.currency,
    };
  }
  const { snapshot, bookedAt } = await termsOf(db, booking);
  const computed = computeRefund({
    policy: snapshot.policy,
    stay: snapshot.stay,
    amounts: snapshot.amounts,
    bookedAt,
    now,
    alreadyRefundedCents: booking.refundedCents,
  });
  return {
    refundCents: Math.min(computed.refundCents, refundable),
    rule: computed.rule,
    refundPct: computed.refundPct,
    nightlyRefundCents: computed.nightlyRefundCents,
    feesAndTaxesRefundCents: computed.feesAndTaxesRefundCents,
    refundableCents: refundable,
    currency: booking.currency,
  };
}

/** The refund a cancellation would give now, without changing anything (the preview). */
export async function previewCancellation(options: Omit<CancelBookingOptions, "reason">): Promise<{
  bookingId: string;
  status: BookingStatus;
  cancellable: boolean;
  quote: RefundQuote;
  snapshot: PolicySnapshot;
}> {
  const now = options.now ?? clockNow();
  const booking = await loadBooking(prisma, options.bookingId);
  const { snapshot } = await termsOf(prisma, booking);
  const cancellable = booking.status === "CONFIRMED";
  const quote = cancellable
    ? await quoteRefund(prisma, booking, options, now)
    : {
        refundCents: 0,
        rule: "already_cancelled" as const,
        refundPct: null,
        nightlyRefundCents: null,
        feesAndTaxesRefundCents: null,
        refundableCents: refundableCents(booking),
        currency: booking.currency,
      };
  return { bookingId: booking.id, status: booking.status, cancellable, quote, snapshot };
}

type Decision =
  | { changed: true; refund: BookingRefund | null; quote: RefundQuote }
  | { changed: false };

/**
 * Phase 1, one transaction: lock the unit (as holds and payments do) and the booking row, re-read
 * the booking, and if it is still CONFIRMED cancel it (its nights are free the moment this
 * commits) and record the refund decision. Concurrent cancels queue on the row lock; the first
 * decides, the others find it CANCELLED and change nothing. Rows to send along with the
 * cancellation (e.g. notification emails) belong in here, so they exist exactly when it does.
 */
export async function decideCancellation(tx: Tx, booking: { id: string; unitId: string }, options: CancelBookingOptions, now: Date): Promise<Decision> {
  await lockUnit(tx, booking.unitId);
  if (!(await lockBookingRow(tx, booking.id))) throw bookingNotFound();
  const current = await loadBooking(tx, booking.id);
  if (current.status !== "CONFIRMED") return { changed: false };

  const quote = await quoteRefund(tx, current, options, now);
  const cancelledBy = ACTOR[options.actor.kind];
  await tx.booking.update({
    where: { id: current.id },
    data: { status: "CANCELLED", cancelReason: options.reason ?? null, cancelledAt: now, cancelledBy },
  });
  const refund =
    quote.refundCents > 0
      ? await recordRefundDecision(tx, {
          booking: current,
          amountCents: quote.refundCents,
          kind: "CANCELLATION",
          requestedBy: cancelledBy,
          reason: options.reason ?? null,
          now,
        })
      : null;
  // The guest's notice (with this refund) and the owner's alert (#15), in this transaction.
  await enqueueBookingCancelled(tx, current, { bookingRefundId: refund?.id, now });
  return { changed: true, refund, quote };
}

/**
 * Cancels a CONFIRMED booking and refunds what its policy (or the owner) says. Cancelling again
 * changes nothing, but completes a refund the first attempt decided and could not confirm with
 * Stripe (a crash or an outage between the two phases).
 */
export async function cancelBooking(options: CancelBookingOptions): Promise<CancellationResult> {
  const now = options.now ?? clockNow();
  if (options.refundCents !== undefined && options.actor.kind !== "owner") throw ownerOnly("set the refund amount");
  const found = await prisma.booking.findUnique({ where: { id: options.bookingId }, select: { id: true, unitId: true } });
  if (!found) throw bookingNotFound();

  const decision = await withUnitGate(found.unitId, () => withRowLock((tx) => decideCancellation(tx, found, options, now)));

  let refund: BookingRefund | null = null;
  if (decision.changed) {
    logger.info(
      { bookingId: found.id, actor: options.actor.kind, refundCents: decision.quote.refundCents, rule: decision.quote.rule },
      "booking cancelled",
    );
    if (decision.refund) refund = await submitRefund(decision.refund.id);
    kickOutbox();
  } else {
    // The next attempt resumes whatever an earlier one left unconfirmed (same idempotency key).
    const pending = await prisma.bookingRefund.findMany({
      where: { bookingId: found.id, status: "PENDING", stripeRefundId: null },
      select: { id: true },
    });
    for (const { id } of pending) await submitRefund(id);
  }

  const booking = await prisma.booking.findUniqueOrThrow({
    where: { id: found.id },
    include: { refunds: { where: { kind: "CANCELLATION" }, orderBy: { sequence: "asc" }, take: 1 } },
  });
  return {
    bookingId: booking.id,
    status: booking.status,
    cancelledAt: booking.cancelledAt,
    cancelledBy: booking.cancelledBy,
    cancelReason: booking.cancelReason,
    changed: decision.changed,
    refund: refund ?? booking.refunds[0] ?? null,
    refundedCents: booking.refundedCents,
    quote: decision.changed ? decision.quote : null,
  };
}
