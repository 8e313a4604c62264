import "server-only";
import { createHash } from "node:crypto";
import ical, { ICalEventStatus } from "ical-generator";
import { addDays, fromDbDate, todayIn, toDayNumber, type IsoDate } from "@/lib/dates";
import { env } from "@/lib/env";
import { findExportChannel } from "@/lib/server/channels/export-tokens";
import { prisma } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { activeUnitWhere, pickUnit } from "@/lib/server/units/unit-ref";
import { ICAL_LOOKBACK_DAYS } from "./build-unit-calendar";

// The secret per-channel export of one unit (/api/v1/units/<id>/ical/<token>.ics): our confirmed
// bookings, the owner's blocks, and the nights imported from every OTHER channel, so Airbnb
// learns what VRBO sold and the reverse, while no channel is sent back its own bookings (which
// it would import as a block over its own reservation: an echo loop).
// Every event is all-day (DATE values): channels import nights, and a DATE cannot shift a day
// the way a timed check-in converted through UTC can.

const FORMAT_VERSION = 1;
const SUMMARY = "Not available";

export interface ChannelCalendar {
  body: string;
  etag: string;
}

/** One rendered feed per (unit, channel): bounded by units × channels. */
const rendered = new Map<string, { etag: string; body: string }>();

/** DATE text of an IsoDate for ical-generator, independent of the server's time zone. */
const dateOnly = (d: IsoDate) => new Date(toDayNumber(d) * 86_400_000);

/** The export of the unit named by id or slug, for the channel the token was made for. */
export async function buildChannelCalendar(options: { unitRef: string; token: string; now?: Date }): Promise<ChannelCalendar> {
  const now = options.now ?? new Date();
  // One answer for unknown units and unknown, revoked or mismatched tokens: nothing to learn by guessing.
  const notFound = () => new AppError("NOT_FOUND", "No calendar is published at this address.");
  const units = await prisma.unit.findMany({ where: activeUnitWhere(options.unitRef), take: 2, select: { id: true, name: true } });
  if (units.length === 0) throw notFound();
  const unit = pickUnit(units, options.unitRef);
  const channel = await findExportChannel(unit.id, options.token);
  if (!channel) throw notFound();

  const since = new Date(`${addDays(todayIn(env.PROPERTY_TIMEZONE, now), -ICAL_LOOKBACK_DAYS)}T00:00:00Z`);
  const [bookings, blocks] = await Promise.all([
    prisma.booking.findMany({
      where: { unitId: unit.id, status: "CONFIRMED", checkOut: { gte: since } },
      select: { id: true, checkIn: true, checkOut: true, createdAt: true, updatedAt: true },
      orderBy: [{ checkIn: "asc" }, { id: "asc" }],
    }),
    prisma.block.findMany({
      where: {
        unitId: unit.id,
        endDate: { gte: since },
        OR: [{ kind: "OWNER" }, { kind: "EXTERNAL", feed: { channel: { not: channel } } }],
      },
      select: { id: true, startDate: true, endDate: true, createdAt: true, updatedAt: true },
      orderBy: [{ startDate: "asc" }, { id: "asc" }],
    }),
  ]);
  const events = [
    ...bookings.map((b) => ({ id: `booking-${b.id}`, start: fromDbDate(b.checkIn), end: fromDbDate(b.checkOut), createdAt: b.createdAt, updatedAt: b.updatedAt })),
    ...blocks.map((b) => ({ id: `block-${b.id}`, start: fromDbDate(b.startDate), end: fromDbDate(b.endDate), createdAt: b.createdAt, updatedAt: b.updatedAt })),
  ];

  const etag = `"${createHash("sha256")
    .update(JSON.stringify([FORMAT_VERSION, unit.id, unit.name, channel, events.map((e) => [e.id, e.start, e.end, e.updatedAt.getTime()])]))
    .digest("base64url")
    .slice(0, 27)}"`;
  const key = `${unit.id}:${channel}`;
  const cached = rendered.get(key);
  if (cached?.etag === etag) return cached;

  const calendar = ical({
    name: `Palm Aire Court — ${unit.name}`,
    prodId: { company: "Palm Aire Court", product: "Channel calendar", language: "EN" },
  });
  for (const e of events) {
    calendar.createEvent({
      id: `${e.id}@palm-aire-court`,
      allDay: true,
      start: dateOnly(e.start),
      end: dateOnly(e.end),
      stamp: e.updatedAt,
      created: e.createdAt,
      lastModified: e.updatedAt,
      summary: SUMMARY,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  const result = { etag, body: calendar.toString() };
  rendered.set(key, result);
  return result;
}
