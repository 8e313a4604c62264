import "server-only";
import { createHash } from "node:crypto";
import ical, { ICalEventStatus } from "ical-generator";
import { addDays, fromDbDate, todayIn, toDayNumber, type IsoDate } from "@/lib/dates";
import { env } from "@/lib/env";
import { Prisma } from "@prisma/client";
import { exportToken } from "@/lib/api/schemas/channels";
import { hashToken } from "@/lib/server/channels/export-tokens";
import { prisma } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { ICAL_LOOKBACK_DAYS, feedKey, sharedFeedCheck, unitFeedCheck, type FeedCheck } from "./build-unit-calendar";
import { now as clockNow } from "@/lib/clock";

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
const rendered = new Map<string, { versionKey: string | null; etag: string; body: string }>();

/** DATE text of an IsoDate for ical-generator, independent of the server's time zone. */
const dateOnly = (d: IsoDate) => new Date(toDayNumber(d) * 86_400_000);

type TokenCheck = FeedCheck & { channel: string };

/**
 * Tokens found valid, by hash, with the unit's feed version when they were: revoking, deleting or
 * moving a token bumps that version (migration 20261130140000), so while it has not moved the
 * token is still valid. Only valid tokens are kept, so guessing cannot grow it past the bound.
 */
const validTokens = new Map<string, { unitId: string; channel: string; feedVersion: string | null }>();
const MAX_VALID_TOKENS = 1_000;

/**
 * One statement: the unit, its feed version and the token's channel (checked on every request
 * that sends its own statement, so a revoked URL stops at once). An unchanged export is then
 * answered from memory. Null for an unknown unit or an unknown, revoked or mismatched token.
 */
async function tokenCheck(unitRef: string, tokenHash: string): Promise<TokenCheck | null> {
  const check = await unitFeedCheck<{ exportChannel: string | null }>(
    unitRef,
    Prisma.sql`, (SELECT t.channel FROM "ChannelExportToken" t
                   WHERE t."tokenHash" = ${tokenHash} AND t."revokedAt" IS NULL AND t."unitId" = u.id) AS "exportChannel"`,
  );
  const channel = check?.row.exportChannel;
  if (!check || !channel) return null;
  if (validTokens.size >= MAX_VALID_TOKENS) validTokens.clear();
  validTokens.set(tokenHash, { unitId: check.unit.id, channel, feedVersion: check.feedVersion });
  return { unit: check.unit, catalog: check.catalog, feedVersion: check.feedVersion, channel };
}

/**
 * The same answer without a statement of its own, from the version check shared with the requests
 * in flight (sharedFeedCheck), for a token found valid before: it still is while the unit's feed
 * version has not moved since. Null otherwise (then tokenCheck).
 */
async function keptTokenCheck(unitRef: string, tokenHash: string): Promise<TokenCheck | null> {
  const token = validTokens.get(tokenHash);
  if (!token) return null;
  const shared = await sharedFeedCheck(unitRef, (unit) => unit.id === token.unitId);
  if (!shared || shared.feedVersion !== token.feedVersion) return null;
  return { ...shared, channel: token.channel };
}

/** The export of the unit named by id or slug, for the channel the token was made for. */
export async function buildChannelCalendar(options: { unitRef: string; token: string; now?: Date }): Promise<ChannelCalendar> {
  const now = options.now ?? clockNow();
  // One answer for unknown units and unknown, revoked or mismatched tokens: nothing to learn by guessing.
  const notFound = () => new AppError("NOT_FOUND", "No calendar is published at this address.");
  if (!exportToken.safeParse(options.token).success) throw notFound();
  const tokenHash = hashToken(options.token);
  const check = (await keptTokenCheck(options.unitRef, tokenHash)) ?? (await tokenCheck(options.unitRef, tokenHash));
  if (!check) throw notFound();
  const { unit, channel } = check;

  const sinceDate = addDays(todayIn(env.PROPERTY_TIMEZONE, now), -ICAL_LOOKBACK_DAYS);
  const key = `${unit.id}:${channel}`;
  const versionKey = feedKey(check.catalog, check.feedVersion, sinceDate, channel);
  const known = rendered.get(key);
  if (versionKey !== null && known?.versionKey === versionKey) return { etag: known.etag, body: known.body };

  const since = new Date(`${sinceDate}T00:00:00Z`);
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
  const cached = rendered.get(key);
  if (cached?.etag === etag) {
    rendered.set(key, { ...cached, versionKey });
    return { etag, body: cached.body };
  }

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
  rendered.set(key, { ...result, versionKey });
  return result;
}
