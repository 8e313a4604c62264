import "server-only";
import { Prisma } from "@prisma/client";
import { fromDbDate, toDbDate, todayIn, type IsoDate } from "@/lib/dates";
import { env } from "@/lib/env";
import { now as clockNow } from "@/lib/clock";
import { prisma } from "@/lib/server/db/client";
import { monthStarts, summarizeMonths, type MonthSummary } from "./summarize-months";

export interface Movement {
  bookingId: string;
  unitName: string;
  guestName: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
}

export interface Dashboard {
  today: IsoDate;
  arrivals: Movement[];
  departures: Movement[];
  inHouse: number;
  months: MonthSummary[];
  cancellationsThisMonth: number;
  liveHolds: number;
}

/** Today's movements and 13 months (this one and the next 12) of occupancy and revenue. */
export async function getDashboard(options: { now?: Date } = {}): Promise<Dashboard> {
  const now = options.now ?? clockNow();
  const today = todayIn(env.PROPERTY_TIMEZONE, now);
  // 14 month starts: the 13 months shown, and the end of the last one.
  const bounds = monthStarts(today, 14);
  const starts = bounds.slice(0, 13);
  const rangeStart = bounds[0]!;
  const rangeEnd = bounds[13]!;

  const [moving, inHouse, unitCount, nights, cancellations, liveHolds] = await Promise.all([
    prisma.booking.findMany({
      where: { status: "CONFIRMED", OR: [{ checkIn: toDbDate(today) }, { checkOut: toDbDate(today) }] },
      select: { id: true, checkIn: true, checkOut: true, unit: { select: { name: true } }, customer: { select: { firstName: true, lastName: true } } },
      orderBy: { unit: { name: "asc" } },
    }),
    prisma.booking.count({ where: { status: "CONFIRMED", checkIn: { lte: toDbDate(today) }, checkOut: { gt: toDbDate(today) } } }),
    prisma.unit.count({ where: { active: true } }),
    // One row per month: the confirmed nights in it and their share of each booking's total.
    prisma.$queryRaw<Array<{ month: string; nights: bigint; revenue: Prisma.Decimal | null }>>`
      SELECT to_char(d, 'YYYY-MM-01') AS month,
             count(*) AS nights,
             sum(b."totalCents"::numeric / (b."checkOut" - b."checkIn")) AS revenue
        FROM "Booking" b
        CROSS JOIN LATERAL generate_series(b."checkIn"::timestamp, b."checkOut"::timestamp - interval '1 day', interval '1 day') AS d
       WHERE b.status = 'CONFIRMED'
         AND b."checkOut" > ${toDbDate(rangeStart)}::date AND b."checkIn" < ${toDbDate(rangeEnd)}::date
         AND d >= ${toDbDate(rangeStart)}::date AND d < ${toDbDate(rangeEnd)}::date
       GROUP BY 1`,
    prisma.booking.count({ where: { status: "CANCELLED", cancelledAt: { gte: toDbDate(rangeStart) } } }),
    prisma.hold.count({ where: { status: "ACTIVE", expiresAt: { gt: now } } }),
  ]);

  const movement = (b: (typeof moving)[number]): Movement => ({
    bookingId: b.id,
    unitName: b.unit.name,
    guestName: `${b.customer.firstName} ${b.customer.lastName}`,
    checkIn: fromDbDate(b.checkIn),
    checkOut: fromDbDate(b.checkOut),
  });
  return {
    today,
    arrivals: moving.filter((b) => fromDbDate(b.checkIn) === today).map(movement),
    departures: moving.filter((b) => fromDbDate(b.checkOut) === today).map(movement),
    inHouse,
    months: summarizeMonths(
      starts,
      unitCount,
      nights.map((n) => ({ month: n.month, nights: Number(n.nights), revenueCents: Math.round(Number(n.revenue ?? 0)) })),
    ),
    cancellationsThisMonth: cancellations,
    liveHolds,
  };
}

