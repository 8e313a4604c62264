import "server-only";
import { createHash } from "node:crypto";
import { TZDate } from "@date-fns/tz";
import ical, { ICalEventStatus } from "ical-generator";
import { env } from "@/lib/env";
import { addDays, fromDbDate, todayIn, type IsoDate } from "@/lib/dates";
import { Prisma } from "@prisma/client";
import { cachedCatalog, catalogColumns, catalogFromRow, catalogVersionFrom, type CatalogRow } from "@/lib/server/catalog/catalog";
import { prisma } from "@/lib/server/db/client";
import { queryRows } from "@/lib/server/db/read-pool";

// The public per-unit iCal feed: one VEVENT per CONFIRMED booking, nothing about the guest.
// An unchanged feed costs one statement (a version check); after a change, a second one reads
// the bookings, and the text is rendered again only when what it shows changed.

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
const FEED_FORMAT_VERSION = 1;

/** The last feed rendered per unit (one entry per unit, so bounded by the number of units). */
const renderedFeeds = new Map<string, { key: string | null; etag: string; body: string }>();

/** The instant of `time` ("HH:MM") on calendar date `date` in time zone `tz`, DST-correct. */
export function propertyInstant(date: IsoDate, time: string, tz: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, tz).getTime());
}

interface FeedCheckRow extends CatalogRow {
  unitId: string | null;
  feedVersion: string | null;
}

/** The unit's feed, or null when no active unit has this id or slug. */
export async function buildUnitCalendar(unitRef: string, now: Date = new Date()): Promise<UnitCalendar | null> {
  // One statement: the catalog's version (the unit's name is in the feed), the unit, and the
  // version a trigger bumps with every change to its bookings. When neither moved since the last
  // render (and the look-back window did not roll over), the feed is answered from memory.
  const known = cachedCatalog();
  const [check] = await queryRows<FeedCheckRow>(
    prisma,
    Prisma.sql`
      SELECT ${catalogColumns(known)}, u.id AS "unitId", f.version::text AS "feedVersion"
        FROM ${catalogVersionFrom}
        LEFT JOIN LATERAL (
          SELECT id FROM "Unit"
           WHERE active AND (id = ${unitRef} OR slug = ${unitRef.toLowerCase()})
           ORDER BY (id = ${unitRef}) DESC
           LIMIT 1) u ON true
        LEFT JOIN "UnitFeedVersion" f ON f."unitId" = u.id`,
  );
  const catalog = catalogFromRow(check!, known, prisma);
  const unit = check!.unitId ? catalog.unitsById.get(check!.unitId) : undefined;
  if (!unit) return null;

  const tz = env.PROPERTY_TIMEZONE;
  const since = addDays(todayIn(tz, now), -ICAL_LOOKBACK_DAYS);
  // A missing feed version means no booking of the unit changed since versions exist: still exact.
  const key = catalog.version === null ? null : `${catalog.version}|${check!.feedVersion ?? "-"}|${since}`;
  const rendered = renderedFeeds.get(unit.id);
  if (key !== null && rendered?.key === key) return { slug: unit.slug, body: rendered.body, etag: rendered.etag };

  const bookings = await prisma.booking.findMany({
    where: { unitId: unit.id, status: "CONFIRMED", checkOut: { gte: new Date(`${since}T00:00:00Z`) } },
    select: { id: true, checkIn: true, checkOut: true, createdAt: true, updatedAt: true },
    orderBy: [{ checkIn: "asc" }, { id: "asc" }],
  });

  // The validator is a hash of what the feed shows, so every process (and a restart) agrees on it
  // and a re-render after an unrelated version bump keeps the client's 304.
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
      ]),
    )
    .digest("base64url")
    .slice(0, 27)}"`;
  // The versions were read before the bookings: if a booking changed in between, the stored key
  // is already old and the next request renders again (never the other way round).
  const cached = renderedFeeds.get(unit.id);
  if (cached?.etag === etag) {
    renderedFeeds.set(unit.id, { ...cached, key });
    return { slug: unit.slug, body: cached.body, etag };
  }

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
  const body = calendar.toString();
  renderedFeeds.set(unit.id, { key, etag, body });
  return { slug: unit.slug, body, etag };
}
