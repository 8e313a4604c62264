import "server-only";
import { createHash } from "node:crypto";
import { TZDate } from "@date-fns/tz";
import ical, { ICalEventStatus } from "ical-generator";
import { now as clockNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { addDays, fromDbDate, todayIn, type IsoDate } from "@/lib/dates";
import { Prisma } from "@prisma/client";
import {
  cachedCatalog,
  catalogColumns,
  catalogFromRow,
  catalogVersionFrom,
  findActiveUnit,
  type Catalog,
  type CatalogRow,
  type CatalogUnit,
} from "@/lib/server/catalog/catalog";
import { sharedVersions } from "@/lib/server/catalog/data-versions";
import { prisma } from "@/lib/server/db/client";
import { queryRows } from "@/lib/server/db/read-pool";
import { AppError } from "@/lib/server/errors";

// The public per-unit iCal feed: one VEVENT per CONFIRMED booking, nothing about the guest, and
// one all-day VEVENT per owner block. Nights imported from other channels are NOT in it: any
// channel may read this URL, and a channel must never re-import its own bookings (see the
// per-channel export, build-channel-calendar.ts). An unchanged feed costs one statement (a
// version check, see unitFeedCheck), or none of its own when requests in flight share one
// (sharedFeedCheck, lib/server/catalog/data-versions.ts); after a change, two more read the
// bookings and the owner blocks, and the text is rendered again only when what it shows changed.
// ICAL_PUBLIC_FEED=false turns the feed off.

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
const renderedFeeds = new Map<string, { key: string | null; etag: string; body: string }>();

/** The instant of `time` ("HH:MM") on calendar date `date` in time zone `tz`, DST-correct. */
export function propertyInstant(date: IsoDate, time: string, tz: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, tz).getTime());
}

/** What both feeds are rendered from: the unit, the catalog it is in, and its feed version. */
export interface FeedCheck {
  unit: CatalogUnit;
  catalog: Catalog;
  feedVersion: string | null;
}

interface FeedCheckRow extends CatalogRow {
  unitId: string | null;
  feedVersion: string | null;
}

/**
 * One statement: the catalog's version (the unit's name is in the feeds), the active unit `ref`
 * names, and the version a trigger bumps with every change to its bookings and blocks
 * (UnitFeedVersion). Both feeds answer from memory while neither version moved. `extra` adds
 * columns to the same statement (the channel export checks its token there).
 */
export async function unitFeedCheck<Extra extends object = object>(
  unitRef: string,
  extra: Prisma.Sql = Prisma.empty,
): Promise<(FeedCheck & { row: FeedCheckRow & Extra }) | null> {
  const known = cachedCatalog();
  const [row] = await queryRows<FeedCheckRow & Extra>(
    prisma,
    Prisma.sql`
      SELECT ${catalogColumns(known)}, u.id AS "unitId", f.version::text AS "feedVersion" ${extra}
        FROM ${catalogVersionFrom}
        LEFT JOIN LATERAL (
          SELECT id FROM "Unit"
           WHERE active AND (id = ${unitRef} OR slug = ${unitRef.toLowerCase()})
           ORDER BY (id = ${unitRef}) DESC
           LIMIT 1) u ON true
        LEFT JOIN "UnitFeedVersion" f ON f."unitId" = u.id`,
  );
  const catalog = catalogFromRow(row!, known, prisma);
  const unit = row!.unitId ? catalog.unitsById.get(row!.unitId) : undefined;
  if (!unit) return null;
  return { unit, catalog, feedVersion: row!.feedVersion, row: row! };
}

/**
 * The unit and its feed version without a statement of its own, when requests in flight share a
 * version check that finds the kept catalog current; null otherwise. `kept(unit)` says whether
 * this process has anything to answer from (a rendered feed, a checked token): when it has not,
 * nothing is asked and the caller's own statement decides (which also answers an unknown unit).
 */
export async function sharedFeedCheck(unitRef: string, kept: (unit: CatalogUnit) => boolean): Promise<FeedCheck | null> {
  const known = cachedCatalog();
  const unit = known ? findActiveUnit(known, unitRef) : null;
  if (!known || !unit || !kept(unit)) return null;
  const versions = await sharedVersions();
  if (!versions || versions.catalog !== known.version) return null;
  return { unit, catalog: known, feedVersion: versions.feeds[unit.id] ?? null };
}

/** The cache key of a rendered feed: null (never reuse) when the catalog has no version row. */
export function feedKey(catalog: Catalog, feedVersion: string | null, since: IsoDate, extra = ""): string | null {
  // A missing feed version means nothing of the unit changed since versions exist: still exact.
  return catalog.version === null ? null : `${catalog.version}|${feedVersion ?? "-"}|${since}|${extra}`;
}

/** The unit's feed, or null when no active unit has this id or slug. */
export async function buildUnitCalendar(unitRef: string, now: Date = clockNow()): Promise<UnitCalendar | null> {
  if (!env.ICAL_PUBLIC_FEED) {
    throw new AppError("NOT_FOUND", "This calendar feed is turned off; ask the property for the unit's export URL.");
  }
  const check = (await sharedFeedCheck(unitRef, (u) => renderedFeeds.has(u.id))) ?? (await unitFeedCheck(unitRef));
  if (!check) return null;
  const { unit, catalog, feedVersion } = check;

  const tz = env.PROPERTY_TIMEZONE;
  const since = addDays(todayIn(tz, now), -ICAL_LOOKBACK_DAYS);
  const key = feedKey(catalog, feedVersion, since);
  const rendered = renderedFeeds.get(unit.id);
  if (key !== null && rendered?.key === key) return { slug: unit.slug, body: rendered.body, etag: rendered.etag };

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
        blocks.map((b) => [b.id, b.startDate.getTime(), b.endDate.getTime(), b.createdAt.getTime(), b.updatedAt.getTime()]),
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
  renderedFeeds.set(unit.id, { key, etag, body });
  return { slug: unit.slug, body, etag };
}
