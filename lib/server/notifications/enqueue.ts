import "server-only";
import { randomUUID } from "node:crypto";
import type { OutboxKind, OutboxRecipient, Prisma } from "@prisma/client";
import { env } from "@/lib/env";
import type { Db } from "@/lib/server/db/client";
import { issueManageToken } from "@/lib/server/bookings/manage-token";
import { now as clockNow } from "@/lib/clock";

// The transactional outbox's write side. Every function takes the caller's open transaction:
// the rows commit or roll back with the event that caused them, so no booking exists without
// its email and no email goes out for a booking that never committed. Delivery is
// lib/server/jobs/send-outbox.ts. A guest message carries a fresh manage-link token in its
// payload (the only clear copy, erased once the message is sent or given up).

export interface OutboxPayload {
  manageToken?: string;
  /** CHANNEL_FEED_STALE: the episode's staleAlertedAt (ISO), so a message outlived by its episode is skipped. */
  staleSince?: string;
}

/** A Message-ID fixed for the row: every retry of one message carries the same id. */
function newMessageId(): string {
  return `<${randomUUID()}@${new URL(env.ORIGIN).hostname}>`;
}

async function insert(
  db: Db,
  row: {
    kind: OutboxKind;
    recipient: OutboxRecipient;
    bookingId?: string;
    refundId?: string;
    holdId?: string;
    channelConflictId?: string;
    channelFeedId?: string;
    payload?: OutboxPayload;
    dedupeKey?: string;
    now?: Date;
  },
): Promise<void> {
  await db.outboxMessage.create({
    data: {
      kind: row.kind,
      recipient: row.recipient,
      bookingId: row.bookingId ?? null,
      refundId: row.refundId ?? null,
      holdId: row.holdId ?? null,
      channelConflictId: row.channelConflictId ?? null,
      channelFeedId: row.channelFeedId ?? null,
      payload: (row.payload ?? {}) as Prisma.InputJsonValue,
      dedupeKey: row.dedupeKey ?? null,
      messageId: newMessageId(),
      nextAttemptAt: row.now ?? clockNow(),
    },
  });
}

async function guestPayload(db: Db, booking: { id: string; checkOut: Date }): Promise<OutboxPayload> {
  return { manageToken: await issueManageToken(db, { bookingId: booking.id, checkOut: booking.checkOut }) };
}

/** Booking confirmed: the guest's confirmation (with the manage link and .ics) and the owner's alert. */
export async function enqueueBookingConfirmed(db: Db, booking: { id: string; checkOut: Date }, options: { now?: Date } = {}): Promise<void> {
  await insert(db, { kind: "BOOKING_CONFIRMED", recipient: "GUEST", bookingId: booking.id, payload: await guestPayload(db, booking), now: options.now });
  await insert(db, { kind: "BOOKING_CONFIRMED", recipient: "OWNER", bookingId: booking.id, now: options.now });
}

/**
 * Booking cancelled: the guest's notice (with its refund, when one was recorded) and the owner's
 * alert. Call it in the transaction that cancels, only when the status actually changed.
 */
export async function enqueueBookingCancelled(
  db: Db,
  booking: { id: string; checkOut: Date },
  options: { bookingRefundId?: string; now?: Date } = {},
): Promise<void> {
  const common = { kind: "BOOKING_CANCELLED" as const, bookingId: booking.id, refundId: options.bookingRefundId, now: options.now };
  await insert(db, { ...common, recipient: "GUEST", payload: await guestPayload(db, booking) });
  await insert(db, { ...common, recipient: "OWNER" });
}

/** A payment that arrived too late (nights taken meanwhile) and is refunded in full. */
export async function enqueueLatePaymentRefunded(db: Db, refund: { id: string; holdId: string }, options: { now?: Date } = {}): Promise<void> {
  await insert(db, {
    kind: "LATE_PAYMENT_REFUNDED",
    recipient: "GUEST",
    refundId: refund.id,
    holdId: refund.holdId,
    dedupeKey: `late-payment-refunded:${refund.id}`,
    now: options.now,
  });
}

/** How long a "hold expired" notice waits, so a payment confirmed at the last second can land first. */
export const HOLD_EXPIRED_NOTICE_DELAY_MS = 15 * 60_000;

/**
 * A hold that expired while its guest was at the payment step (a PaymentIntent existed). Sent
 * only after a delay: a payment that succeeded just before the end arrives by webhook a little
 * later and books (or refunds), and then this notice is skipped rather than contradicting it.
 */
export async function enqueueHoldExpiredWhilePaying(db: Db, hold: { id: string }, options: { now?: Date } = {}): Promise<void> {
  const now = options.now ?? clockNow();
  await insert(db, {
    kind: "HOLD_EXPIRED_WHILE_PAYING",
    recipient: "GUEST",
    holdId: hold.id,
    dedupeKey: `hold-expired:${hold.id}`,
    now: new Date(now.getTime() + HOLD_EXPIRED_NOTICE_DELAY_MS),
  });
}

/** The pre-arrival email; at most one per booking (dedupe key), so the daily job can repeat. */
export async function enqueuePreArrival(db: Db, booking: { id: string; checkOut: Date }, options: { now?: Date } = {}): Promise<void> {
  await insert(db, {
    kind: "PRE_ARRIVAL",
    recipient: "GUEST",
    bookingId: booking.id,
    payload: await guestPayload(db, booking),
    dedupeKey: `pre-arrival:${booking.id}`,
    now: options.now,
  });
}

/**
 * The owner's alert for an imported block over one of our stays. Call it in the transaction that
 * stamps the conflict's alertedAt: the stamp and the email commit together, once per conflict.
 */
export async function enqueueChannelConflictAlert(db: Db, conflict: { id: string }, options: { now?: Date } = {}): Promise<void> {
  await insert(db, {
    kind: "CHANNEL_CONFLICT",
    recipient: "OWNER",
    channelConflictId: conflict.id,
    dedupeKey: `channel-conflict:${conflict.id}`,
    now: options.now,
  });
}

/**
 * The owner's alert for a feed without a success for too long. Call it in the transaction that
 * stamps the feed's staleAlertedAt; the stamp names the episode, so each episode has one row.
 */
export async function enqueueChannelFeedStaleAlert(db: Db, feed: { id: string; staleAlertedAt: Date }, options: { now?: Date } = {}): Promise<void> {
  const since = feed.staleAlertedAt.toISOString();
  await insert(db, {
    kind: "CHANNEL_FEED_STALE",
    recipient: "OWNER",
    channelFeedId: feed.id,
    payload: { staleSince: since },
    dedupeKey: `channel-feed-stale:${feed.id}:${since}`,
    now: options.now,
  });
}

/** A console payment-link hold (#16): the guest's link to pay; one per hold. */
export async function enqueuePaymentLink(db: Db, hold: { id: string }, options: { now?: Date } = {}): Promise<void> {
  await insert(db, { kind: "PAYMENT_LINK", recipient: "GUEST", holdId: hold.id, dedupeKey: `payment-link:${hold.id}`, now: options.now });
}

/**
 * The guest's confirmation once more, asked for in the console (#16): a fresh manage link, no
 * owner alert. `requestKey` comes from the form that asked, so a double click or a retried
 * request finds its row (the unique dedupe key) instead of sending twice, while the next
 * deliberate resend, with a new key, sends again.
 */
export async function enqueueConfirmationResend(
  db: Db,
  booking: { id: string; checkOut: Date },
  options: { requestKey: string; now?: Date },
): Promise<void> {
  await insert(db, {
    kind: "BOOKING_CONFIRMED",
    recipient: "GUEST",
    bookingId: booking.id,
    payload: await guestPayload(db, booking),
    dedupeKey: confirmationResendKey(booking.id, options.requestKey),
    now: options.now,
  });
}

export function confirmationResendKey(bookingId: string, requestKey: string): string {
  return `confirmation-resend:${bookingId}:${requestKey}`;
}
