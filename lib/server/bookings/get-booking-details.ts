import "server-only";
import type { BookingStatus } from "@prisma/client";
import { daysBetween, fromDbDate, type IsoDate } from "@/lib/dates";
import type { LineItem } from "@/lib/pricing/price-stay";
import { prisma, type Db } from "@/lib/server/db/client";
import { computeQuote } from "@/lib/server/pricing";

// One booking as its guest sees it (emails, the manage page, the receipt, the code lookup).
// Everything here is the guest's own data; callers decide who may see it.

export interface BookingDetails {
  id: string;
  code: string;
  status: BookingStatus;
  unit: { id: string; name: string; slug: string };
  checkIn: IsoDate;
  checkOut: IsoDate;
  nights: number;
  guest: { firstName: string; lastName: string; email: string; phone: string | null };
  /** Party size, when the booking records one. */
  party: string | null;
  totalCents: number;
  currency: string;
  /**
   * The priced lines of the stay. The booking stores its total only, so the lines come from
   * today's quote for the same nights when it still adds up to what was paid; otherwise (the
   * owner changed a rate since) a single line with the total paid, never lines that disagree.
   */
  lineItems: Pick<LineItem, "label" | "amountCents">[];
  /** The cancellation policy in a sentence, when the booking records one. */
  policySummary: string | null;
  paidAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
}

export async function getBookingDetails(bookingId: string, db: Db = prisma): Promise<BookingDetails | null> {
  const b = await db.booking.findUnique({
    where: { id: bookingId },
    select: {
      id: true,
      code: true,
      status: true,
      checkIn: true,
      checkOut: true,
      totalCents: true,
      currency: true,
      guestFirstName: true,
      guestLastName: true,
      guestPhone: true,
      cancelledAt: true,
      createdAt: true,
      cancellationPolicy: true,
      lineItems: true,
      guests: true,
      pets: true,
      unit: { select: { id: true, name: true, slug: true } },
      customer: { select: { firstName: true, lastName: true, email: true, phone: true } },
      payment: { select: { createdAt: true } },
    },
  });
  if (!b) return null;
  const checkIn = fromDbDate(b.checkIn);
  const checkOut = fromDbDate(b.checkOut);
  const nights = daysBetween(checkIn, checkOut);
  return {
    id: b.id,
    code: b.code,
    status: b.status,
    unit: b.unit,
    checkIn,
    checkOut,
    nights,
    guest: {
      firstName: b.guestFirstName ?? b.customer.firstName,
      lastName: b.guestLastName ?? b.customer.lastName,
      email: b.customer.email,
      phone: b.guestPhone ?? b.customer.phone,
    },
    party: b.guests ? `${b.guests} guest${b.guests === 1 ? "" : "s"}${b.pets ? `, ${b.pets} pet${b.pets === 1 ? "" : "s"}` : ""}` : null,
    totalCents: b.totalCents,
    currency: b.currency,
    lineItems: chargedLineItems(b.lineItems, b.totalCents) ?? (await lineItemsFor(b.id, b.unit.id, checkIn, checkOut, nights, b.totalCents, b.currency)),
    policySummary: policySummaryOf(b.cancellationPolicy),
    paidAt: b.payment?.createdAt ?? null,
    cancelledAt: b.cancelledAt,
    createdAt: b.createdAt,
  };
}

/** The line items the booking was charged (#13), when they add up to what it cost. */
function chargedLineItems(stored: unknown, totalCents: number): Array<{ label: string; amountCents: number }> | null {
  if (!Array.isArray(stored) || stored.length === 0) return null;
  const lines = stored.filter(
    (l): l is { label: string; amountCents: number } => typeof l?.label === "string" && Number.isInteger(l?.amountCents),
  );
  const sum = lines.reduce((total, l) => total + l.amountCents, 0);
  return lines.length === stored.length && sum === totalCents ? lines.map(({ label, amountCents }) => ({ label, amountCents })) : null;
}

async function lineItemsFor(bookingId: string, unitId: string, checkIn: IsoDate, checkOut: IsoDate, nights: number, totalCents: number, currency: string) {
  const fallback = [{ label: `Stay (${nights} ${nights === 1 ? "night" : "nights"})`, amountCents: totalCents }];
  try {
    // The booking's own nights do not count against it, and its dates may be past.
    const quote = await computeQuote({ unitId, checkIn, checkOut, ignoreStayId: bookingId, allowPast: true });
    if (quote.totalCents !== totalCents || quote.currency !== currency) return fallback;
    return quote.lineItems.map(({ label, amountCents }) => ({ label, amountCents }));
  } catch {
    // The unit lost its rate plan, or the stay is no longer priceable: the paid total stands.
    return fallback;
  }
}

/** The policy the booking was sold under, in the words the guest was shown (its snapshot). */
function policySummaryOf(snapshot: unknown): string | null {
  const summary = (snapshot as { summary?: unknown } | null)?.summary;
  return Array.isArray(summary) && summary.every((line) => typeof line === "string") && summary.length > 0 ? summary.join(" ") : null;
}
