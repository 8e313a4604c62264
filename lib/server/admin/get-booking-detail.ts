import "server-only";
import { fromDbDate, type IsoDate } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { bookingNotFound } from "@/lib/server/errors";

export interface HistoryEntry {
  at: Date;
  what: string;
  by: string;
}

export interface BookingDetail {
  id: string;
  status: "CONFIRMED" | "CANCELLED";
  unit: { id: string; name: string };
  guest: { name: string; email: string; phone: string | null };
  checkIn: IsoDate;
  checkOut: IsoDate;
  totalCents: number;
  currency: string;
  createdAt: Date;
  cancelledAt: Date | null;
  cancelReason: string | null;
  payment: { stripeIntentId: string; amountCents: number; status: string } | null;
  notes: Array<{ id: string; at: Date; by: string; text: string }>;
  refunds: Array<{ id: string; at: Date; amountCents: number; status: string; needsAttention: boolean; reason: string | null }>;
  history: HistoryEntry[];
}

/** Everything the console shows on one booking's page, with its history oldest first. */
export async function getBookingDetail(options: { bookingId: string }): Promise<BookingDetail> {
  const booking = await prisma.booking.findUnique({
    where: { id: options.bookingId },
    include: {
      unit: { select: { id: true, name: true } },
      customer: { select: { firstName: true, lastName: true, email: true, phone: true } },
      payment: { select: { stripeIntentId: true, amountCents: true, status: true, createdAt: true } },
      hold: { select: { createdAt: true } },
      internalNotes: { orderBy: { createdAt: "asc" } },
      refunds: { orderBy: { sequence: "asc" } },
    },
  });
  if (!booking) throw bookingNotFound();
  const audit = await prisma.auditLog.findMany({ where: { entityType: "Booking", entityId: booking.id }, orderBy: { createdAt: "asc" } });

  const history: HistoryEntry[] = [];
  if (booking.hold) history.push({ at: booking.hold.createdAt, what: "Nights held while the guest paid", by: "guest" });
  if (booking.payment) history.push({ at: booking.payment.createdAt, what: `Payment ${booking.payment.status}`, by: "Stripe" });
  history.push({ at: booking.createdAt, what: "Booking confirmed", by: "system" });
  if (booking.cancelledAt) history.push({ at: booking.cancelledAt, what: `Cancelled${booking.cancelReason ? `: ${booking.cancelReason}` : ""}`, by: booking.cancelledBy?.toLowerCase() ?? "—" });
  for (const r of booking.refunds) history.push({ at: r.requestedAt, what: `Refund of ${(r.amountCents / 100).toFixed(2)} ${r.currency} ${r.status.toLowerCase()}`, by: r.requestedBy?.toLowerCase() ?? "Stripe" });
  for (const a of audit) history.push({ at: a.createdAt, what: a.action, by: a.actorEmail });
  history.sort((a, b) => a.at.getTime() - b.at.getTime());

  return {
    id: booking.id,
    status: booking.status,
    unit: booking.unit,
    guest: { name: `${booking.customer.firstName} ${booking.customer.lastName}`, email: booking.customer.email, phone: booking.customer.phone },
    checkIn: fromDbDate(booking.checkIn),
    checkOut: fromDbDate(booking.checkOut),
    totalCents: booking.totalCents,
    currency: booking.currency,
    createdAt: booking.createdAt,
    cancelledAt: booking.cancelledAt,
    cancelReason: booking.cancelReason,
    payment: booking.payment ? { stripeIntentId: booking.payment.stripeIntentId, amountCents: booking.payment.amountCents, status: booking.payment.status } : null,
    refunds: booking.refunds.map((r) => ({ id: r.id, at: r.requestedAt, amountCents: r.amountCents, status: r.status, needsAttention: r.needsAttention, reason: r.reason })),
    notes: booking.internalNotes.map((n) => ({ id: n.id, at: n.createdAt, by: n.authorEmail, text: n.text })),
    history,
  };
}
