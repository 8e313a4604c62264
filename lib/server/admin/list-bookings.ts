import "server-only";
import type { BookingStatus, Prisma } from "@prisma/client";
import type { BookingListQuery } from "@/lib/api/schemas/admin";
import { fromDbDate, toDbDate, todayIn, type IsoDate } from "@/lib/dates";
import { env } from "@/lib/env";
import { now as clockNow } from "@/lib/clock";
import { prisma } from "@/lib/server/db/client";

export const BOOKINGS_PAGE_SIZE = 25;
export const BOOKINGS_EXPORT_MAX = 10_000;

export interface BookingListRow {
  id: string;
  unitName: string;
  guestName: string;
  email: string;
  phone: string | null;
  checkIn: IsoDate;
  checkOut: IsoDate;
  nights: number;
  status: BookingStatus;
  totalCents: number;
  currency: string;
  createdAt: Date;
}

function where(query: BookingListQuery, today: IsoDate): Prisma.BookingWhereInput {
  const and: Prisma.BookingWhereInput[] = [];
  if (query.status) and.push({ status: query.status });
  if (query.unitId) and.push({ OR: [{ unitId: query.unitId }, { unit: { slug: query.unitId.toLowerCase() } }] });
  if (query.when === "upcoming") and.push({ checkOut: { gt: toDbDate(today) } });
  if (query.when === "past") and.push({ checkOut: { lte: toDbDate(today) } });
  if (query.from) and.push({ checkOut: { gt: toDbDate(query.from) } });
  if (query.to) and.push({ checkIn: { lt: toDbDate(query.to) } });
  const q = query.q?.trim();
  if (q) {
    const words = q.split(/\s+/).slice(0, 4);
    and.push({
      OR: [
        { id: q },
        { customer: { email: { contains: q, mode: "insensitive" } } },
        // Every word in the first or last name: "ann smith" finds Ann Smith.
        { AND: words.map((w) => ({ OR: [{ customer: { firstName: { contains: w, mode: "insensitive" } } }, { customer: { lastName: { contains: w, mode: "insensitive" } } }] })) },
      ],
    });
  }
  return { AND: and };
}

const select = {
  id: true,
  checkIn: true,
  checkOut: true,
  status: true,
  totalCents: true,
  currency: true,
  createdAt: true,
  unit: { select: { name: true } },
  customer: { select: { firstName: true, lastName: true, email: true, phone: true } },
} as const satisfies Prisma.BookingSelect;

type Row = Prisma.BookingGetPayload<{ select: typeof select }>;

function toRow(b: Row): BookingListRow {
  const checkIn = fromDbDate(b.checkIn);
  const checkOut = fromDbDate(b.checkOut);
  return {
    id: b.id,
    unitName: b.unit.name,
    guestName: `${b.customer.firstName} ${b.customer.lastName}`,
    email: b.customer.email,
    phone: b.customer.phone,
    checkIn,
    checkOut,
    nights: Math.round((b.checkOut.getTime() - b.checkIn.getTime()) / 86_400_000),
    status: b.status,
    totalCents: b.totalCents,
    currency: b.currency,
    createdAt: b.createdAt,
  };
}

/** One page of bookings for the console list: upcoming soonest first, past newest first. */
export async function listBookings(query: BookingListQuery, options: { now?: Date } = {}): Promise<{ rows: BookingListRow[]; total: number; page: number; pageSize: number }> {
  const today = todayIn(env.PROPERTY_TIMEZONE, options.now ?? clockNow());
  const filter = where(query, today);
  const orderBy: Prisma.BookingOrderByWithRelationInput[] = query.when === "upcoming" ? [{ checkIn: "asc" }, { id: "asc" }] : [{ checkIn: "desc" }, { id: "asc" }];
  const [rows, total] = await Promise.all([
    prisma.booking.findMany({ where: filter, select, orderBy, skip: (query.page - 1) * BOOKINGS_PAGE_SIZE, take: BOOKINGS_PAGE_SIZE }),
    prisma.booking.count({ where: filter }),
  ]);
  return { rows: rows.map(toRow), total, page: query.page, pageSize: BOOKINGS_PAGE_SIZE };
}

/** Every booking the filter finds (up to BOOKINGS_EXPORT_MAX) as CSV, for a spreadsheet. */
export async function exportBookingsCsv(query: BookingListQuery, options: { now?: Date } = {}): Promise<string> {
  const today = todayIn(env.PROPERTY_TIMEZONE, options.now ?? clockNow());
  const rows = await prisma.booking.findMany({ where: where(query, today), select, orderBy: [{ checkIn: "asc" }, { id: "asc" }], take: BOOKINGS_EXPORT_MAX });
  const header = ["Booking", "Unit", "Guest", "Email", "Phone", "Check-in", "Check-out", "Nights", "Status", "Total", "Currency", "Booked at"];
  const lines = rows.map(toRow).map((r) => [r.id, r.unitName, r.guestName, r.email, r.phone ?? "", r.checkIn, r.checkOut, String(r.nights), r.status, (r.totalCents / 100).toFixed(2), r.currency, r.createdAt.toISOString()]);
  return [header, ...lines].map((cells) => cells.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/**
 * One CSV cell (RFC 4180 quoting). A value a spreadsheet would run as a formula (=, +, -, @, tab,
 * CR at the start) is prefixed with an apostrophe: guest names are typed by anyone.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
