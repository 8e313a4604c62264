import "server-only";
import { env } from "@/lib/env";
import type { AdminUser } from "@/lib/server/auth/session";
import { cancelBooking, previewCancellation, type CancellationResult } from "@/lib/server/bookings/cancel-booking";
import { prisma } from "@/lib/server/db/client";
import { forbidden } from "@/lib/server/errors";
import { refundBooking } from "@/lib/server/refunds/refund-booking";
import { formatMoneyExact } from "@/lib/site/format";
import { recordAudit } from "./record-audit";

// The console's cancellations and refunds call the same services as the API (issue #14); the
// console adds who did it (audit log) and the staff limit on refunds.

const actorOf = (admin: AdminUser) => ({ kind: "owner" as const, name: admin.email });

/** What cancelling now would refund under the booking's policy, or with an explicit amount. */
export async function previewConsoleCancellation(options: { bookingId: string; refundCents?: number; admin: AdminUser; now?: Date }) {
  return previewCancellation({ bookingId: options.bookingId, actor: actorOf(options.admin), refundCents: options.refundCents, now: options.now });
}

/**
 * Cancels from the console. Staff may cancel when the refund is within STAFF_REFUND_LIMIT_CENTS
 * (policy or explicit); a larger refund needs the owner. The audit row is written once the
 * cancellation has committed, naming the refund it decided.
 */
export async function cancelFromConsole(options: { bookingId: string; refundCents?: number; reason?: string; admin: AdminUser; now?: Date }): Promise<CancellationResult> {
  if (options.admin.role !== "OWNER") {
    const preview = await previewConsoleCancellation(options);
    if (preview.quote.refundCents > env.STAFF_REFUND_LIMIT_CENTS) {
      throw forbidden(`Refunds over ${formatMoneyExact(env.STAFF_REFUND_LIMIT_CENTS)} need the owner.`);
    }
  }
  const result = await cancelBooking({ bookingId: options.bookingId, actor: actorOf(options.admin), reason: options.reason, refundCents: options.refundCents, now: options.now });
  if (result.changed) {
    await recordAudit(prisma, options.admin, {
      action: "Booking cancelled",
      entityType: "Booking",
      entityId: options.bookingId,
      before: { status: "CONFIRMED" },
      after: { status: result.status, reason: result.cancelReason, refundCents: result.refund?.amountCents ?? 0 },
    });
  }
  return result;
}

/** The owner's refund of part of a payment (goodwill, a deposit after the stay). */
export async function refundFromConsole(options: { bookingId: string; amountCents: number; reason?: string; admin: AdminUser; now?: Date }) {
  if (options.admin.role !== "OWNER") throw forbidden("Only the owner can refund part of a booking.");
  const refund = await refundBooking({ bookingId: options.bookingId, actor: actorOf(options.admin), amountCents: options.amountCents, reason: options.reason, now: options.now });
  await recordAudit(prisma, options.admin, { action: "Refund issued", entityType: "Booking", entityId: options.bookingId, after: { amountCents: refund.amountCents, reason: refund.reason } });
  return refund;
}
