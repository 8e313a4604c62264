import "server-only";
import type { OutboxMessage } from "@prisma/client";
import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { env } from "@/lib/env";
import { daysBetween, fromDbDate } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { buildBookingIcs } from "@/lib/server/bookings/build-booking-ics";
import { getBookingDetails, type BookingDetails } from "@/lib/server/bookings/get-booking-details";
import { manageUrl } from "@/lib/server/bookings/manage-token";
import { getPropertyInfo, type PropertyInfo } from "@/lib/server/property/get-property-info";
import type { OutboxPayload } from "./enqueue";
import {
  ChannelConflictAlert,
  ChannelFeedStaleAlert,
  channelConflictSubject,
  channelFeedStaleSubject,
  type ConflictFacts,
} from "./templates/channel-alert";
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

function consoleUrl(path: string): string {
  return new URL(path, env.ORIGIN).toString();
}

const fullName = (first: string | null | undefined, last: string | null | undefined) => [first, last].filter(Boolean).join(" ");

/** An imported block over one of our stays, as the owner reads it, or why it is no longer worth sending. */
async function conflictFacts(conflictId: string | null): Promise<ConflictFacts | { skip: string }> {
  const conflict = conflictId ? await prisma.channelConflict.findUnique({ where: { id: conflictId } }) : null;
  if (!conflict) return { skip: "no_conflict" };
  // The overlap went away before the email's turn (the channel cancelled, our stay ended).
  if (conflict.resolvedAt) return { skip: "conflict_resolved" };
  const unit = await prisma.unit.findUnique({ where: { id: conflict.unitId }, select: { name: true } });
  const nights = { blockStart: fromDbDate(conflict.blockStart), blockEnd: fromDbDate(conflict.blockEnd) };
  const common = {
    unitName: unit?.name ?? "A unit",
    channel: conflict.channel,
    ...nights,
    nights: daysBetween(nights.blockStart, nights.blockEnd),
    stayStart: fromDbDate(conflict.stayStart),
    stayEnd: fromDbDate(conflict.stayEnd),
  };
  const guest = { guestFirstName: true, guestLastName: true, customer: { select: { firstName: true, lastName: true } } } as const;
  if (conflict.stayKind === "booking") {
    const booking = await prisma.booking.findUnique({ where: { id: conflict.stayId }, select: { id: true, code: true, ...guest } });
    if (!booking) return { skip: "no_booking" };
    return {
      ...common,
      stay: { kind: "booking", code: booking.code },
      guestName: fullName(booking.guestFirstName ?? booking.customer.firstName, booking.guestLastName ?? booking.customer.lastName),
      consoleUrl: consoleUrl(`/admin/bookings/${booking.id}`),
    };
  }
  const hold = await prisma.hold.findUnique({ where: { id: conflict.stayId }, select: guest });
  if (!hold) return { skip: "no_hold" };
  return {
    ...common,
    stay: { kind: "hold" },
    guestName: fullName(hold.guestFirstName ?? hold.customer?.firstName, hold.guestLastName ?? hold.customer?.lastName) || "name not given yet",
    consoleUrl: consoleUrl("/admin"),
  };
}

/** The owner's channel sync alerts (#17): about a conflict or a feed, never a booking's guest. */
async function buildChannelAlert(row: OutboxMessage, property: PropertyInfo, payload: OutboxPayload): Promise<BuildResult> {
  const to = ownerAddress(property.email);
  if (row.kind === "CHANNEL_CONFLICT") {
    const facts = await conflictFacts(row.channelConflictId);
    if ("skip" in facts) return { kind: "skip", reason: facts.skip };
    const parts = await renderBoth(<ChannelConflictAlert conflict={facts} property={property} />);
    return { kind: "send", message: { to, subject: channelConflictSubject(facts), ...parts, attachments: [] } };
  }
  const feed = row.channelFeedId
    ? await prisma.channelFeed.findUnique({
        where: { id: row.channelFeedId },
        select: { channel: true, lastSuccessAt: true, lastError: true, staleAlertedAt: true, unit: { select: { name: true } } },
      })
    : null;
  if (!feed) return { kind: "skip", reason: "no_feed" };
  // A success (or pausing the feed) ended the episode before the email's turn.
  if (feed.staleAlertedAt?.toISOString() !== payload.staleSince) return { kind: "skip", reason: "feed_recovered" };
  const lastSuccess = feed.lastSuccessAt
    ? new Intl.DateTimeFormat("en-US", { timeZone: env.PROPERTY_TIMEZONE, dateStyle: "medium", timeStyle: "short" }).format(feed.lastSuccessAt)
    : null;
  const facts = { unitName: feed.unit.name, channel: feed.channel, lastSuccess, lastError: feed.lastError, consoleUrl: consoleUrl("/admin") };
  const parts = await renderBoth(<ChannelFeedStaleAlert feed={facts} property={property} />);
  return { kind: "send", message: { to, subject: channelFeedStaleSubject(facts), ...parts, attachments: [] } };
}

export async function buildMessage(row: OutboxMessage): Promise<BuildResult> {
  const property = await getPropertyInfo();
  const payload = (row.payload ?? {}) as OutboxPayload;
  const link = payload.manageToken ? manageUrl(payload.manageToken) : null;

  if (row.kind === "CHANNEL_CONFLICT" || row.kind === "CHANNEL_FEED_STALE") return buildChannelAlert(row, property, payload);
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
