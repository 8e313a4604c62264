import "server-only";
import { Prisma } from "@prisma/client";
import { fromDbDate, todayIn, toDbDate } from "@/lib/dates";
import { env } from "@/lib/env";
import { prisma, type Tx } from "@/lib/server/db/client";
import { lockUnit } from "@/lib/server/db/lock-unit";
import { withUnitGate } from "@/lib/server/db/unit-gate";
import { withSerializableRetry } from "@/lib/server/db/with-serializable-retry";
import { logger } from "@/lib/server/logger";
import { fetchFeed, type FetchFeedOptions } from "./fetch-feed";
import { notifyOwner, reportOwnerAlerts, type OwnerAlert } from "./notify-owner";
import { FeedParseError, parseFeed, type FeedEvent } from "./parse-feed";

// One import feed, once: fetch (conditional), parse, and bring the feed's blocks to what the feed
// says in one transaction under the unit's lock. Anything short of a parsed calendar (network
// error, timeout, HTTP error, HTML instead of iCalendar) changes no block: the last good state
// stays, and only the feed's health record says what went wrong.

export interface FeedToSync {
  id: string;
  unitId: string;
  channel: string;
  url: string;
  etag: string | null;
  lastModified: string | null;
}

export interface SyncFeedResult {
  feedId: string;
  outcome: "changed" | "unchanged" | "not-modified" | "failed";
  created: number;
  updated: number;
  deleted: number;
  /** Conflicts first seen by this sync (each alerted once). */
  newConflicts: number;
  /** Short failure reason; never the URL or the body. */
  reason?: string;
}

export interface SyncFeedOptions {
  now: Date;
  /** Fetch limits and the loopback switch (default: CHANNEL_FEED_ALLOW_LOOPBACK). */
  fetch?: Pick<FetchFeedOptions, "timeoutMs" | "maxBytes" | "maxRedirects" | "allowLoopback">;
}

const nothing = { created: 0, updated: 0, deleted: 0, newConflicts: 0 };

export async function syncFeed(feed: FeedToSync, options: SyncFeedOptions): Promise<SyncFeedResult> {
  const { now } = options;
  const fetched = await fetchFeed({
    url: feed.url,
    etag: feed.etag,
    lastModified: feed.lastModified,
    allowLoopback: env.CHANNEL_FEED_ALLOW_LOOPBACK,
    ...options.fetch,
  });
  if (fetched.kind === "failed") return recordFailure(feed, fetched.reason, now);
  if (fetched.kind === "not-modified") {
    await prisma.channelFeed.updateMany({
      where: { id: feed.id },
      data: { lastSuccessAt: now, lastError: null, staleAlertedAt: null },
    });
    return { feedId: feed.id, outcome: "not-modified", ...nothing };
  }

  let events: FeedEvent[];
  try {
    events = parseFeed(fetched.body, { timeZone: env.PROPERTY_TIMEZONE, today: todayIn(env.PROPERTY_TIMEZONE, now) });
  } catch (error) {
    if (error instanceof FeedParseError) return recordFailure(feed, error.message, now);
    throw error;
  }

  const applied = await withUnitGate(feed.unitId, () => withSerializableRetry((tx) => applyEvents(tx, feed, events, now)));
  if (!applied) return { feedId: feed.id, outcome: "failed", ...nothing, reason: "feed removed" };
  const { alerts, ...result } = applied;
  // The emails committed with the conflicts; the log lines wait for the commit, so a
  // SERIALIZABLE retry does not write them twice.
  reportOwnerAlerts(alerts);
  await prisma.channelFeed.updateMany({
    where: { id: feed.id },
    data: {
      lastSuccessAt: now,
      lastError: null,
      staleAlertedAt: null,
      eventCount: events.length,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      ...(result.outcome === "changed" ? { lastChangeAt: now } : {}),
    },
  });
  return result;
}

async function recordFailure(feed: FeedToSync, reason: string, now: Date): Promise<SyncFeedResult> {
  logger.warn({ feedId: feed.id, unitId: feed.unitId, channel: feed.channel, reason }, "channel feed sync failed");
  await prisma.channelFeed.updateMany({ where: { id: feed.id }, data: { lastError: reason, lastAttemptAt: now } });
  return { feedId: feed.id, outcome: "failed", ...nothing, reason };
}

/**
 * Writes the difference between the feed's blocks and `events`, then records the conflicts the
 * new nights make with our confirmed bookings and live holds. SERIALIZABLE, behind the unit's
 * lock, like every hold and booking write: a hold racing this sync either sees the new block (and
 * is refused) or is seen by the conflict query below (and is reported), never neither.
 */
async function applyEvents(tx: Tx, feed: FeedToSync, events: FeedEvent[], now: Date): Promise<(SyncFeedResult & { alerts: OwnerAlert[] }) | null> {
  await lockUnit(tx, feed.unitId);
  // Removed while it was being fetched: its blocks went with it.
  if (!(await tx.channelFeed.findUnique({ where: { id: feed.id }, select: { id: true } }))) return null;

  const existing = await tx.block.findMany({
    where: { feedId: feed.id },
    select: { id: true, externalUid: true, startDate: true, endDate: true, reason: true },
  });
  const byKey = new Map(existing.map((b) => [b.externalUid!, b]));
  const toCreate: Prisma.BlockCreateManyInput[] = [];
  const toUpdate: Array<{ id: string; event: FeedEvent }> = [];
  for (const event of events) {
    const current = byKey.get(event.key);
    byKey.delete(event.key);
    if (!current) {
      toCreate.push({
        unitId: feed.unitId,
        kind: "EXTERNAL",
        feedId: feed.id,
        externalUid: event.key,
        startDate: toDbDate(event.start),
        endDate: toDbDate(event.end),
        reason: event.summary,
      });
    } else if (fromDbDate(current.startDate) !== event.start || fromDbDate(current.endDate) !== event.end || current.reason !== event.summary) {
      toUpdate.push({ id: current.id, event });
    }
  }
  const toDelete = [...byKey.values()].map((b) => b.id);

  if (toCreate.length === 0 && toUpdate.length === 0 && toDelete.length === 0) {
    return { feedId: feed.id, outcome: "unchanged", ...nothing, alerts: [] };
  }
  if (toCreate.length > 0) await tx.block.createMany({ data: toCreate });
  for (const { id, event } of toUpdate) {
    await tx.block.update({
      where: { id },
      data: { startDate: toDbDate(event.start), endDate: toDbDate(event.end), reason: event.summary },
    });
  }
  if (toDelete.length > 0) await tx.block.deleteMany({ where: { id: { in: toDelete } } });

  const alerts = await recordConflicts(tx, feed, now);
  return {
    feedId: feed.id,
    outcome: "changed",
    created: toCreate.length,
    updated: toUpdate.length,
    deleted: toDelete.length,
    newConflicts: alerts.length,
    alerts,
  };
}

/** Every (block of this feed, confirmed booking or live hold) pair sharing a night. */
function overlapsSql(feedId: string, now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT b."externalUid", b."startDate" AS "blockStart", b."endDate" AS "blockEnd",
           'booking' AS "stayKind", k.id AS "stayId", k."checkIn" AS "stayStart", k."checkOut" AS "stayEnd"
      FROM "Block" b
      JOIN "Booking" k ON k."unitId" = b."unitId" AND k.status = 'CONFIRMED'
                      AND daterange(k."checkIn", k."checkOut", '[)') && daterange(b."startDate", b."endDate", '[)')
     WHERE b."feedId" = ${feedId}
    UNION ALL
    SELECT b."externalUid", b."startDate", b."endDate", 'hold', h.id, h."checkIn", h."checkOut"
      FROM "Block" b
      JOIN "Hold" h ON h."unitId" = b."unitId" AND h.status = 'ACTIVE' AND h."expiresAt" > ${now}
                   AND daterange(h."checkIn", h."checkOut", '[)') && daterange(b."startDate", b."endDate", '[)')
     WHERE b."feedId" = ${feedId}`;
}

type ConflictRow = {
  id: string;
  externalUid: string;
  blockStart: Date;
  blockEnd: Date;
  stayKind: "booking" | "hold";
  stayId: string;
  alertedAt: Date | null;
};

/**
 * Records each overlap once (unique per feed, event and stay, so repeated syncs find it already
 * there), stamps alertedAt on the ones never alerted and queues their owner emails, and marks
 * conflicts that no longer overlap as resolved. Returns the new alerts, logged after the commit.
 */
async function recordConflicts(tx: Tx, feed: FeedToSync, now: Date): Promise<OwnerAlert[]> {
  const rows = await tx.$queryRaw<ConflictRow[]>(Prisma.sql`
    INSERT INTO "ChannelConflict" (id, "unitId", "feedId", channel, "externalUid", "blockStart", "blockEnd",
                                   "stayKind", "stayId", "stayStart", "stayEnd", "detectedAt")
    SELECT gen_random_uuid()::text, ${feed.unitId}, ${feed.id}, ${feed.channel}, o."externalUid", o."blockStart", o."blockEnd",
           o."stayKind", o."stayId", o."stayStart", o."stayEnd", ${now}
      FROM (${overlapsSql(feed.id, now)}) o
    ON CONFLICT ("feedId", "externalUid", "stayId") DO UPDATE
       SET "resolvedAt" = NULL, "blockStart" = EXCLUDED."blockStart", "blockEnd" = EXCLUDED."blockEnd"
     WHERE "ChannelConflict"."resolvedAt" IS NOT NULL
        OR "ChannelConflict"."blockStart" <> EXCLUDED."blockStart"
        OR "ChannelConflict"."blockEnd" <> EXCLUDED."blockEnd"
    RETURNING id, "externalUid", "blockStart", "blockEnd", "stayKind", "stayId", "alertedAt"`);
  await tx.$executeRaw(Prisma.sql`
    UPDATE "ChannelConflict" c SET "resolvedAt" = ${now}
     WHERE c."feedId" = ${feed.id} AND c."resolvedAt" IS NULL
       AND NOT EXISTS (SELECT 1 FROM (${overlapsSql(feed.id, now)}) o
                        WHERE o."externalUid" = c."externalUid" AND o."stayId" = c."stayId")`);

  const fresh = rows.filter((r) => r.alertedAt === null);
  if (fresh.length > 0) {
    await tx.channelConflict.updateMany({ where: { id: { in: fresh.map((r) => r.id) } }, data: { alertedAt: now } });
  }
  const alerts = fresh.map((row) => ({
    kind: "channel-conflict" as const,
    unitId: feed.unitId,
    channel: feed.channel,
    conflictId: row.id,
    blockStart: fromDbDate(row.blockStart),
    blockEnd: fromDbDate(row.blockEnd),
    stayKind: row.stayKind,
    stayId: row.stayId,
  }));
  // In this transaction, with the alertedAt stamp: the email exists exactly when the stamp does.
  for (const alert of alerts) await notifyOwner(tx, alert, { now });
  return alerts;
}
