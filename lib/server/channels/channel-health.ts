import "server-only";
import { Prisma } from "@prisma/client";
import { env } from "@/lib/env";
import { fromDbDate } from "@/lib/dates";
import { prisma, type Db } from "@/lib/server/db/client";

// What needs the owner's attention in channel sync: stale feeds and open conflicts. The admin
// screens list them; the health endpoint reports them without URLs.

export interface StaleFeed {
  feedId: string;
  unitId: string;
  channel: string;
  lastSuccessAt: Date | null;
  lastError: string | null;
}

export interface OpenConflict {
  id: string;
  unitId: string;
  channel: string;
  /** Nights the other channel sold [start, end). */
  blockStart: string;
  blockEnd: string;
  stayKind: "booking" | "hold";
  stayId: string;
  stayStart: string;
  stayEnd: string;
  detectedAt: Date;
}

export async function listStaleFeeds(options: { now: Date; staleHours?: number }, db: Db = prisma): Promise<StaleFeed[]> {
  const cutoff = new Date(options.now.getTime() - (options.staleHours ?? env.CHANNEL_FEED_STALE_HOURS) * 3_600_000);
  const feeds = await db.channelFeed.findMany({
    where: { enabled: true, OR: [{ lastSuccessAt: { lt: cutoff } }, { lastSuccessAt: null, createdAt: { lt: cutoff } }] },
    select: { id: true, unitId: true, channel: true, lastSuccessAt: true, lastError: true },
    orderBy: [{ unitId: "asc" }, { channel: "asc" }],
  });
  return feeds.map((f) => ({ feedId: f.id, unitId: f.unitId, channel: f.channel, lastSuccessAt: f.lastSuccessAt, lastError: f.lastError }));
}

/**
 * Conflicts not resolved whose stay still stands: a confirmed booking, or a hold still live at
 * `now` (a hold that expired or was cancelled no longer collides with anything).
 */
export async function listOpenConflicts(options: { now: Date }, db: Db = prisma): Promise<OpenConflict[]> {
  const rows = await db.$queryRaw<Array<Omit<OpenConflict, "blockStart" | "blockEnd" | "stayStart" | "stayEnd"> & Record<"blockStart" | "blockEnd" | "stayStart" | "stayEnd", Date>>>(Prisma.sql`
    SELECT c.id, c."unitId", c.channel, c."blockStart", c."blockEnd", c."stayKind", c."stayId", c."stayStart", c."stayEnd", c."detectedAt"
      FROM "ChannelConflict" c
      LEFT JOIN "Booking" k ON c."stayKind" = 'booking' AND k.id = c."stayId"
      LEFT JOIN "Hold" h ON c."stayKind" = 'hold' AND h.id = c."stayId"
     WHERE c."resolvedAt" IS NULL
       AND (k.status = 'CONFIRMED' OR (h.status = 'ACTIVE' AND h."expiresAt" > ${options.now}))
     ORDER BY c."blockStart", c.id`);
  return rows.map((r) => ({
    ...r,
    blockStart: fromDbDate(r.blockStart),
    blockEnd: fromDbDate(r.blockEnd),
    stayStart: fromDbDate(r.stayStart),
    stayEnd: fromDbDate(r.stayEnd),
  }));
}

// The same two questions as plain SQL for the health check, which runs on its own small pg pool
// (never the app's) within a deadline. Timestamps are stored as UTC without a zone: parameters go
// in as ISO strings converted to UTC, answers come out as ISO text, whatever the server's zone.

/** Enabled feeds without a success since `cutoff`: feedId, unitId, channel, lastSuccessAt (ISO or null). */
export function staleFeedsSql(cutoff: Date): { text: string; values: string[] } {
  return {
    text: `SELECT id AS "feedId", "unitId", channel,
                  to_char("lastSuccessAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastSuccessAt"
             FROM "ChannelFeed"
            WHERE enabled AND COALESCE("lastSuccessAt", "createdAt") < ($1::timestamptz AT TIME ZONE 'UTC')
            ORDER BY "unitId", channel, id`,
    values: [cutoff.toISOString()],
  };
}

/** How many conflicts are open at `now` (same rule as listOpenConflicts): one row, `count`. */
export function openConflictCountSql(now: Date): { text: string; values: string[] } {
  return {
    text: `SELECT count(*) AS count
             FROM "ChannelConflict" c
             LEFT JOIN "Booking" k ON c."stayKind" = 'booking' AND k.id = c."stayId"
             LEFT JOIN "Hold" h ON c."stayKind" = 'hold' AND h.id = c."stayId"
            WHERE c."resolvedAt" IS NULL
              AND (k.status = 'CONFIRMED' OR (h.status = 'ACTIVE' AND h."expiresAt" > ($1::timestamptz AT TIME ZONE 'UTC')))`,
    values: [now.toISOString()],
  };
}
