import "server-only";
import type { OutboxMessage } from "@prisma/client";
import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { env } from "@/lib/env";
import { fromDbDate } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { buildBookingIcs } from "@/lib/server/bookings/build-booking-ics";
import { getBookingDetails, type BookingDetails } from "@/lib/server/bookings/get-booking-details";
import { manageUrl } from "@/lib/server/bookings/manage-token";
import { getPropertyInfo } from "@/lib/server/property/get-property-info";
import type { OutboxPayload } from "./enqueue";
import { GuestCancellation, guestCancellationSubject } from "./templates/guest-cancellation";
import { GuestConfirmation, guestConfirmationSubject } from "./templates/guest-confirmation";
import { HoldExpired, holdExpiredSubject } from "./templates/hold-expired";
import { LatePaymentRefund, latePaymentRefundSubject, type HoldFacts } from "./templates/late-payment-refund";
import { OwnerAlert, ownerAlertSubject } from "./templates/owner-alert";
import { PaymentLink, paymentLinkSubject } from "./templates/payment-link";
import { PreArrival, preArrivalSubject } from "./templates/pre-arrival";

// Turns an outbox row into the email to send, from the database as it is now (the row holds
// references, not rendered text). `skip` means the message is no longer true and must not go out.

export interface BuiltMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: { filename: string; content: string; contentType: string }[];
}

export type BuildResult = { kind: "send"; message: BuiltMessage } | { kind: "skip"; reason: string };

async function renderBoth(element: ReactElement): Promise<{ html: string; text: string }> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}

function ownerAddress(propertyEmail: string): string {
  return env.OWNER_EMAIL ?? propertyEmail;
}

/** A late payment's automatic refund (Refund). */
async function refundOf(refundId: string | null) {
  if (!refundId) return null;
  const refund = await prisma.refund.findUnique({ where: { id: refundId }, select: { amountCents: true, currency: true } });
  return refund ?? null;
}

/** A cancellation's refund (BookingRefund); none when the policy refunded nothing. */
async function cancellationRefundOf(refundId: string | null) {
  if (!refundId) return null;
  const refund = await prisma.bookingRefund.findUnique({ where: { id: refundId }, select: { amountCents: true, currency: true } });
  return refund ?? null;
}

function icsAttachment(booking: BookingDetails, ics: string) {
  return { filename: `${booking.code}.ics`, content: ics, contentType: "text/calendar; charset=utf-8; method=PUBLISH" };
}

export async function buildMessage(row: OutboxMessage): Promise<BuildResult> {
  const property = await getPropertyInfo();
  const payload = (row.payload ?? {}) as OutboxPayload;
  const link = payload.manageToken ? manageUrl(payload.manageToken) : null;

  if (row.kind === "PAYMENT_LINK") return buildPaymentLink(row, property);

  if (row.kind === "LATE_PAYMENT_REFUNDED" || row.kind === "HOLD_EXPIRED_WHILE_PAYING") {
    const hold = row.holdId
      ? await prisma.hold.findUnique({
          where: { id: row.holdId },
          select: {
            status: true,
            checkIn: true,
            checkOut: true,
            guestFirstName: true,
            unit: { select: { name: true, slug: true } },
            customer: { select: { email: true, firstName: true } },
            booking: { select: { id: true } },
          },
        })
      : null;
    if (!hold?.customer) return { kind: "skip", reason: "no_guest" };
    const facts: HoldFacts = {
      guestFirstName: hold.guestFirstName ?? hold.customer.firstName,
      unitName: hold.unit.name,
      checkIn: fromDbDate(hold.checkIn),
      checkOut: fromDbDate(hold.checkOut),
    };
    if (row.kind === "LATE_PAYMENT_REFUNDED") {
      const refund = await refundOf(row.refundId);
      if (!refund) return { kind: "skip", reason: "no_refund" };
      const parts = await renderBoth(<LatePaymentRefund hold={facts} refund={refund} property={property} />);
      return { kind: "send", message: { to: hold.customer.email, subject: latePaymentRefundSubject(facts, property), ...parts, attachments: [] } };
    }
    // The payment may still have gone through after the hold ended (a booking or a refund then
    // tells the guest instead): "nothing was booked" would be false.
    const paid = hold.booking || (await prisma.refund.findFirst({ where: { holdId: row.holdId! }, select: { id: true } }));
    if (hold.status !== "EXPIRED" || paid) return { kind: "skip", reason: "hold_paid" };
    const bookUrl = new URL(`/units/${hold.unit.slug}`, env.ORIGIN).toString();
    const parts = await renderBoth(<HoldExpired hold={facts} property={property} bookUrl={bookUrl} />);
    return { kind: "send", message: { to: hold.customer.email, subject: holdExpiredSubject(facts, property), ...parts, attachments: [] } };
  }

  const booking = row.bookingId ? await getBookingDetails(row.bookingId) : null;
  if (!booking) return { kind: "skip", reason: "no_booking" };

  if (row.recipient === "OWNER") {
    const kind = row.kind === "BOOKING_CANCELLED" ? "cancelled" : "booked";
    const refund = kind === "cancelled" ? await cancellationRefundOf(row.refundId) : null;
    const parts = await renderBoth(<OwnerAlert kind={kind} booking={booking} property={property} refund={refund} />);
    return { kind: "send", message: { to: ownerAddress(property.email), subject: ownerAlertSubject(kind, booking), ...parts, attachments: [] } };
  }

  const to = booking.guest.email;
  const ics = buildBookingIcs(booking, property);
  switch (row.kind) {
    case "BOOKING_CONFIRMED": {
      const parts = await renderBoth(<GuestConfirmation booking={booking} property={property} manageUrl={link} />);
      return { kind: "send", message: { to, subject: guestConfirmationSubject(booking, property), ...parts, attachments: [icsAttachment(booking, ics)] } };
    }
    case "BOOKING_CANCELLED": {
      const refund = await cancellationRefundOf(row.refundId);
      const parts = await renderBoth(<GuestCancellation booking={booking} property={property} refund={refund} manageUrl={link} />);
      // The cancelled event (same UID) lets a calendar app remove the stay.
      return { kind: "send", message: { to, subject: guestCancellationSubject(booking, property), ...parts, attachments: [icsAttachment(booking, ics)] } };
    }
    case "PRE_ARRIVAL": {
      if (booking.status !== "CONFIRMED") return { kind: "skip", reason: "booking_cancelled" };
      const parts = await renderBoth(<PreArrival booking={booking} property={property} manageUrl={link} />);
      return { kind: "send", message: { to, subject: preArrivalSubject(booking, property), ...parts, attachments: [icsAttachment(booking, ics)] } };
    }
    default:
      return { kind: "skip", reason: "not_a_booking_message" };
  }
}

/**
 * A console payment-link hold's email. Skipped once the link is dead (paid, expired, cancelled):
 * a guest must never be sent a link that cannot be paid.
 */
async function buildPaymentLink(row: OutboxMessage, property: Awaited<ReturnType<typeof getPropertyInfo>>): Promise<BuildResult> {
  const hold = row.holdId
    ? await prisma.hold.findUnique({
        where: { id: row.holdId },
        select: {
          id: true,
          status: true,
          expiresAt: true,
          checkIn: true,
          checkOut: true,
          guestFirstName: true,
          consolePrice: true,
          unit: { select: { name: true } },
          customer: { select: { email: true, firstName: true } },
        },
      })
    : null;
  if (!hold?.customer) return { kind: "skip", reason: "no_guest" };
  if (hold.status !== "ACTIVE" || hold.expiresAt <= new Date()) return { kind: "skip", reason: "hold_not_payable" };
  const price = hold.consolePrice as { totalCents?: number; currency?: string } | null;
  if (typeof price?.totalCents !== "number") return { kind: "skip", reason: "no_price" };
  const url = new URL("/checkout", env.ORIGIN);
  url.searchParams.set("holdId", hold.id);
  const facts = {
    guestFirstName: hold.guestFirstName ?? hold.customer.firstName,
    unitName: hold.unit.name,
    checkIn: fromDbDate(hold.checkIn),
    checkOut: fromDbDate(hold.checkOut),
    totalCents: price.totalCents,
    currency: price.currency ?? "USD",
    url: url.toString(),
    expiresAt: hold.expiresAt,
    timeZone: env.PROPERTY_TIMEZONE,
  };
  const parts = await renderBoth(<PaymentLink hold={facts} property={property} />);
  return { kind: "send", message: { to: hold.customer.email, subject: paymentLinkSubject(facts, property), ...parts, attachments: [] } };
}
