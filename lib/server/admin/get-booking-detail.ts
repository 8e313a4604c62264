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
  /** Card payments carry their PaymentIntent; offline ones (#16) how they were paid. */
  payment: { provider: string; stripeIntentId: string | null; method: string | null; amountCents: number; status: string } | null;
  /** ONLINE, or CONSOLE for a manual booking; engineTotalCents is the engine's price for it. */
  source: "ONLINE" | "CONSOLE";
  engineTotalCents: number | null;
  lineItems: Array<{ label: string; amountCents: number; kind: string }>;
  /** The emails of this booking and of the hold it came from, newest first. */
  emails: Array<{ id: string; kind: string; to: string; status: string; createdAt: Date; sentAt: Date | null; attempts: number; lastError: string | null }>;
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
      payment: { select: { provider: true, stripeIntentId: true, method: true, amountCents: true, status: true, createdAt: true } },
      hold: { select: { id: true, createdAt: true, consolePrice: true } },
      internalNotes: { orderBy: { createdAt: "asc" } },
      refunds: { orderBy: { sequence: "asc" } },
    },
  });
  if (!booking) throw bookingNotFound();
  const holdId = booking.hold?.id;
  const [audit, outbox] = await Promise.all([
    // The hold's rows too: a payment-link booking's console entry is on the hold it came from.
    prisma.auditLog.findMany({
      where: { OR: [{ entityType: "Booking", entityId: booking.id }, ...(holdId ? [{ entityType: "Hold", entityId: holdId }] : [])] },
      orderBy: { createdAt: "asc" },
    }),
    prisma.outboxMessage.findMany({
      where: { OR: [{ bookingId: booking.id }, ...(holdId ? [{ holdId }] : [])] },
      orderBy: [{ createdAt: "desc" }, { recipient: "asc" }, { id: "asc" }],
      select: { id: true, kind: true, recipient: true, status: true, createdAt: true, sentAt: true, attempts: true, lastError: true },
    }),
  ]);
  const guestEmail = booking.customer.email;

  const history: HistoryEntry[] = [];
  if (booking.hold) {
    const byLink = booking.hold.consolePrice !== null;
    history.push({ at: booking.hold.createdAt, what: byLink ? "Nights held for the guest's payment link" : "Nights held while the guest paid", by: byLink ? "console" : "guest" });
  }
  if (booking.payment) {
    const offline = booking.payment.stripeIntentId === null;
    history.push({ at: booking.payment.createdAt, what: offline ? `Paid offline (${(booking.payment.method ?? "").replaceAll("_", " ")})` : `Payment ${booking.payment.status}`, by: offline ? "console" : "Stripe" });
  }
  for (const m of outbox) {
    const to = m.recipient === "GUEST" ? "guest" : "owner";
    history.push({ at: m.sentAt ?? m.createdAt, what: `Email ${emailKind(m.kind)} to the ${to}: ${m.status.toLowerCase()}`, by: "system" });
  }
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
    payment: booking.payment
      ? { provider: booking.payment.provider, stripeIntentId: booking.payment.stripeIntentId, method: booking.payment.method, amountCents: booking.payment.amountCents, status: booking.payment.status }
      : null,
    source: booking.source,
    engineTotalCents: booking.engineTotalCents,
    lineItems: Array.isArray(booking.lineItems) ? (booking.lineItems as unknown as BookingDetail["lineItems"]) : [],
    emails: outbox.map((m) => ({
      id: m.id,
      kind: emailKind(m.kind),
      to: m.recipient === "GUEST" ? guestEmail : "owner",
      status: m.status,
      createdAt: m.createdAt,
      sentAt: m.sentAt,
      attempts: m.attempts,
      lastError: m.lastError,
    })),
    refunds: booking.refunds.map((r) => ({ id: r.id, at: r.requestedAt, amountCents: r.amountCents, status: r.status, needsAttention: r.needsAttention, reason: r.reason })),
    notes: booking.internalNotes.map((n) => ({ id: n.id, at: n.createdAt, by: n.authorEmail, text: n.text })),
    history,
  };
}

const EMAIL_KINDS: Record<string, string> = {
  BOOKING_CONFIRMED: "confirmation",
  BOOKING_CANCELLED: "cancellation",
  LATE_PAYMENT_REFUNDED: "late payment refunded",
  HOLD_EXPIRED_WHILE_PAYING: "hold expired",
  PRE_ARRIVAL: "pre-arrival",
  PAYMENT_LINK: "payment link",
};

function emailKind(kind: string): string {
  return EMAIL_KINDS[kind] ?? kind.toLowerCase();
}
