import "server-only";
import { Prisma } from "@prisma/client";
import { fromDbDate, toDbDate, todayIn, type IsoDate } from "@/lib/dates";
import { env } from "@/lib/env";
import { now as clockNow } from "@/lib/clock";
import { listOpenConflicts, listStaleFeeds } from "@/lib/server/channels/channel-health";
import { prisma } from "@/lib/server/db/client";
import { listFailedMessages } from "@/lib/server/notifications/list-failed-messages";
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
  attention: Attention;
}

/** What the owner must act on, each with the console page where they act. */
export interface Attention {
  /** Another channel sold nights we had sold or held: the owner settles it with the guest. */
  conflicts: Array<{ id: string; unitName: string; channel: string; blockStart: IsoDate; blockEnd: IsoDate; stayKind: "booking" | "hold"; stayStart: IsoDate; stayEnd: IsoDate; href: string }>;
  /** Enabled feeds with no success for longer than the stale threshold. */
  staleFeeds: Array<{ id: string; unitName: string; channel: string; lastSuccessAt: Date | null; lastError: string | null; href: string }>;
  /** Enabled feeds whose last attempt failed (not yet stale). */
  failingFeeds: Array<{ id: string; unitName: string; channel: string; lastAttemptAt: Date | null; lastError: string; href: string }>;
  /** Emails the sender gave up on. */
  failedEmails: Array<{ id: string; kind: string; recipient: "GUEST" | "OWNER"; bookingCode: string | null; lastError: string | null; href: string | null }>;
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

  const [moving, inHouse, unitCount, nights, cancellations, liveHolds, attention] = await Promise.all([
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
    getAttention(now),
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
    attention,
  };
}

async function getAttention(now: Date): Promise<Attention> {
  const [conflicts, stale, failing, emails, units] = await Promise.all([
    listOpenConflicts({ now }),
    listStaleFeeds({ now }),
    prisma.channelFeed.findMany({
      // Failed at its last attempt: an error recorded and no success since that attempt.
      where: { enabled: true, lastError: { not: null }, lastAttemptAt: { not: null } },
      select: { id: true, unitId: true, channel: true, lastAttemptAt: true, lastSuccessAt: true, lastError: true },
      orderBy: [{ unitId: "asc" }, { channel: "asc" }],
    }),
    listFailedMessages({ limit: 20 }),
    prisma.unit.findMany({ select: { id: true, name: true } }),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const staleIds = new Set(stale.map((f) => f.feedId));
  return {
    conflicts: conflicts.map((c) => ({
      id: c.id,
      unitName: unitName.get(c.unitId) ?? c.unitId,
      channel: c.channel,
      blockStart: c.blockStart,
      blockEnd: c.blockEnd,
      stayKind: c.stayKind,
      stayStart: c.stayStart,
      stayEnd: c.stayEnd,
      // A booking is settled on its page; a live hold is seen on the board until it books or lapses.
      href: c.stayKind === "booking" ? `/admin/bookings/${c.stayId}` : `/admin/board?from=${c.stayStart}`,
    })),
    staleFeeds: stale.map((f) => ({ id: f.feedId, unitName: unitName.get(f.unitId) ?? f.unitId, channel: f.channel, lastSuccessAt: f.lastSuccessAt, lastError: f.lastError, href: "/admin/channels" })),
    failingFeeds: failing
      .filter((f) => !staleIds.has(f.id) && (f.lastSuccessAt === null || f.lastSuccessAt < f.lastAttemptAt!))
      .map((f) => ({ id: f.id, unitName: unitName.get(f.unitId) ?? f.unitId, channel: f.channel, lastAttemptAt: f.lastAttemptAt, lastError: f.lastError!, href: "/admin/channels" })),
    failedEmails: emails.map((m) => ({
      id: m.id,
      kind: m.kind,
      recipient: m.recipient,
      bookingCode: m.bookingCode,
      lastError: m.lastError,
      href: m.bookingId ? `/admin/bookings/${m.bookingId}` : null,
    })),
  };
}

