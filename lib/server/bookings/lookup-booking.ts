import "server-only";
import { timingSafeEqual } from "node:crypto";
import { prisma } from "@/lib/server/db/client";
import { bookingLookupFailed } from "@/lib/server/errors";
import { normalizeBookingCode } from "./booking-code";
import { getBookingDetails } from "./get-booking-details";
import { issueManageToken, manageUrl } from "./manage-token";

export interface LookupBookingOptions {
  code: string;
  email: string;
}

export interface BookingLookup {
  bookingId: string;
  code: string;
  status: "CONFIRMED" | "CANCELLED";
  unit: { name: string; slug: string };
  checkIn: string;
  checkOut: string;
  nights: number;
  guestName: string;
  totalCents: number;
  currency: string;
  manageUrl: string;
}

/**
 * The booking a code and its guest's email prove, or the lookup's one NOT_FOUND. A malformed
 * code, an unknown code and a wrong email all end in the same error after the same one query.
 */
export async function findBookingByCode(options: LookupBookingOptions): Promise<{ id: string; code: string; checkOut: Date }> {
  const code = normalizeBookingCode(options.code) ?? "PAC-000000"; // never matches: 0 is not in the alphabet
  const row = await prisma.booking.findUnique({ where: { code }, select: { id: true, code: true, checkOut: true, customer: { select: { email: true } } } });
  const given = Buffer.from(options.email.trim().toLowerCase());
  const stored = Buffer.from((row?.customer.email ?? "").toLowerCase());
  const emailMatches = given.length === stored.length && timingSafeEqual(given, stored);
  if (!row || !emailMatches) throw bookingLookupFailed();
  return { id: row.id, code: row.code, checkOut: row.checkOut };
}

/**
 * A booking found by its code plus its guest's email, with a new manage link. A malformed code,
 * an unknown code and a wrong email all end in the same error after the same one query, so the
 * answer never tells which part was wrong (the route is rate limited against guessing).
 */
export async function lookupBooking(options: LookupBookingOptions): Promise<BookingLookup> {
  const row = await findBookingByCode(options);
  const details = await getBookingDetails(row.id);
  if (!details) throw bookingLookupFailed();
  const token = await issueManageToken(prisma, { bookingId: row.id, checkOut: row.checkOut });
  return {
    bookingId: details.id,
    code: details.code,
    status: details.status,
    unit: { name: details.unit.name, slug: details.unit.slug },
    checkIn: details.checkIn,
    checkOut: details.checkOut,
    nights: details.nights,
    guestName: `${details.guest.firstName} ${details.guest.lastName}`,
    totalCents: details.totalCents,
    currency: details.currency,
    manageUrl: manageUrl(token),
  };
}
