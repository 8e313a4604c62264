import "server-only";
import type { AdminUser } from "@/lib/server/auth/session";
import { prisma } from "@/lib/server/db/client";
import { isConflictError } from "@/lib/server/db/errors";
import { bookingNotConfirmed, bookingNotFound } from "@/lib/server/errors";
import { confirmationResendKey, enqueueConfirmationResend } from "@/lib/server/notifications/enqueue";
import { kickOutbox } from "@/lib/server/notifications/kick-outbox";
import { recordAudit } from "./record-audit";

/**
 * Queues the guest's confirmation once more (#16), with an audit row. `requestKey` comes from the
 * form: the same key again (a double click, a retried request) queues nothing more and answers
 * `queued: false`; a new key is a new, deliberate resend.
 */
export async function resendConfirmation(options: { bookingId: string; requestKey: string; admin: AdminUser; now?: Date }): Promise<{ queued: boolean }> {
  const dedupeKey = confirmationResendKey(options.bookingId, options.requestKey);
  try {
    const result = await prisma.$transaction(async (tx) => {
      const booking = await tx.booking.findUnique({ where: { id: options.bookingId }, select: { id: true, status: true, checkOut: true, customer: { select: { email: true } } } });
      if (!booking) throw bookingNotFound();
      if (await tx.outboxMessage.findUnique({ where: { dedupeKey }, select: { id: true } })) return { queued: false };
      if (booking.status !== "CONFIRMED") throw bookingNotConfirmed();
      await enqueueConfirmationResend(tx, booking, { requestKey: options.requestKey, now: options.now });
      await recordAudit(tx, options.admin, { action: "Confirmation sent again", entityType: "Booking", entityId: booking.id, after: { to: booking.customer.email } });
      return { queued: true };
    });
    // After the commit, so the sender finds the row.
    if (result.queued) kickOutbox();
    return result;
  } catch (error) {
    // Two requests with one key at once: the second insert loses on the unique dedupe key, its
    // transaction (audit row included) rolls back, and the first one's message is the one sent.
    if (isConflictError(error)) return { queued: false };
    throw error;
  }
}
