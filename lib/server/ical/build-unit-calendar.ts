import "server-only";
import { createHash } from "node:crypto";
import { TZDate } from "@date-fns/tz";
import ical, { ICalEventStatus } from "ical-generator";
import { now as clockNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { addDays, fromDbDate, todayIn, type IsoDate } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { activeUnitWhere, pickUnit } from "@/lib/server/units/unit-ref";

// The public per-unit iCal feed: one VEVENT per CONFIRMED booking, nothing about the guest, and
// one all-day VEVENT per owner block. Nights imported from other channels are NOT in it: any
// channel may read this URL, and a channel must never re-import its own bookings (see the
// per-channel export, build-channel-calendar.ts). Three queries (the unit, its bookings, its
// owner blocks) and only the columns the feed shows; the text is rendered again only when those
// change. ICAL_PUBLIC_FEED=false turns the feed off.

/** Bookings that ended longer ago than this are left out, so the feed stays small. */
export const ICAL_LOOKBACK_DAYS = 365;

export interface UnitCalendar {
  /** The unit's slug, for a file name. */
  slug: string;
  /** The .ics text. */
  body: string;
  /** Strong validator of `body`: the feed is deterministic for the same data. */
  etag: string;
}

/** Bump when the rendering below changes, so feeds cached under the old format are not served. */
const FEED_FORMAT_VERSION = 2;

/** The last feed rendered per unit (one entry per unit, so bounded by the number of units). */
const renderedFeeds = new Map<string, { etag: string; body: string }>();

/** The instant of `time` ("HH:MM") on calendar date `date` in time zone `tz`, DST-correct. */
export function propertyInstant(date: IsoDate, time: string, tz: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, tz).getTime());
}

/** The unit's feed, or null when no active unit has this id or slug. */
export async function buildUnitCalendar(unitRef: string, now: Date = clockNow()): Promise<UnitCalendar | null> {
  if (!env.ICAL_PUBLIC_FEED) {
    throw new AppError("NOT_FOUND", "This calendar feed is turned off; ask the property for the unit's export URL.");
  }
  const units = await prisma.unit.findMany({ where: activeUnitWhere(unitRef), take: 2, select: { id: true, slug: true, name: true } });
  if (units.length === 0) return null;
  const unit = pickUnit(units, unitRef);

  const tz = env.PROPERTY_TIMEZONE;
  const since = addDays(todayIn(tz, now), -ICAL_LOOKBACK_DAYS);
  const bookings = await prisma.booking.findMany({
    where: { unitId: unit.id, status: "CONFIRMED", checkOut: { gte: new Date(`${since}T00:00:00Z`) } },
    select: { id: true, checkIn: true, checkOut: true, createdAt: true, updatedAt: true },
    orderBy: [{ checkIn: "asc" }, { id: "asc" }],
  });
  const blocks = await prisma.block.findMany({
    where: { unitId: unit.id, kind: "OWNER", endDate: { gte: new Date(`${since}T00:00:00Z`) } },
    select: { id: true, startDate: true, endDate: true, createdAt: true, updatedAt: true },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });

  // The feed is a pure function of these inputs, so an unchanged feed is served from memory:
  // rendering costs ~20 ms of CPU per request (ical-generator's line folding, zone conversions),
  // while calendar apps poll the same unchanged feed over and over.
  const etag = `"${createHash("sha256")
    .update(
      JSON.stringify([
        FEED_FORMAT_VERSION,
        unit.id,
        unit.name,
        tz,
        env.CHECKIN_TIME,
        env.CHECKOUT_TIME,
        bookings.map((b) => [b.id, b.checkIn.getTime(), b.checkOut.getTime(), b.createdAt.getTime(), b.updatedAt.getTime()]),
        blocks.map((b) => [b.id, b.startDate.getTime(), b.endDate.getTime(), b.createdAt.getTime(), b.updatedAt.getTime()]),
      ]),
    )
    .digest("base64url")
    .slice(0, 27)}"`;
  const cached = renderedFeeds.get(unit.id);
  if (cached?.etag === etag) return { slug: unit.slug, body: cached.body, etag };

  const title = `Palm Aire Court — ${unit.name}`;
  const calendar = ical({
    name: title,
    prodId: { company: "Palm Aire Court", product: "Booking calendar", language: "EN" },
    // Times are written in UTC ("Z"), so no VTIMEZONE is needed; this only hints the display zone.
    x: { "X-WR-TIMEZONE": tz },
  });
  for (const booking of bookings) {
    calendar.createEvent({
      id: booking.id,
      start: propertyInstant(fromDbDate(booking.checkIn), env.CHECKIN_TIME, tz),
      end: propertyInstant(fromDbDate(booking.checkOut), env.CHECKOUT_TIME, tz),
      // Without METHOD, DTSTAMP means "last revised" (RFC 5545 3.8.7.2): stable across fetches.
      stamp: booking.updatedAt,
      created: booking.createdAt,
      lastModified: booking.updatedAt,
      summary: title,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  for (const block of blocks) {
    calendar.createEvent({
      id: block.id,
      allDay: true,
      start: fromDbDate(block.startDate),
      end: fromDbDate(block.endDate),
      stamp: block.updatedAt,
      created: block.createdAt,
      lastModified: block.updatedAt,
      summary: `${title} (not available)`,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  const body = calendar.toString();
  renderedFeeds.set(unit.id, { etag, body });
  return { slug: unit.slug, body, etag };
}
