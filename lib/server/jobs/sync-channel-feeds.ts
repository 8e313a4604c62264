import "server-only";
import { Prisma } from "@prisma/client";
import { env } from "@/lib/env";
import { prisma } from "@/lib/server/db/client";
import { logger } from "@/lib/server/logger";
import { notifyOwner, reportOwnerAlerts, type OwnerAlert } from "@/lib/server/channels/notify-owner";
import { syncFeed, type FeedToSync, type SyncFeedOptions, type SyncFeedResult } from "@/lib/server/channels/sync-feed";

/** Feeds synced per run; the rest are due on the next run (the timer ticks every minute). */
export const FEEDS_PER_RUN = 50;
/** Feeds fetched at once: the fetches are network waits, not CPU. */
const PARALLEL_FETCHES = 5;

export interface SyncChannelFeedsOptions {
  now: Date;
  /** Minutes between fetches of a feed (default CHANNEL_SYNC_INTERVAL_MINUTES). */
  intervalMinutes?: number;
  /** Sync these feeds now whatever their last attempt (the feeds script's "sync"). */
  feedIds?: string[];
  fetch?: SyncFeedOptions["fetch"];
}

type ClaimedFeed = FeedToSync;

/**
 * Claims the due feeds by stamping lastAttemptAt, in one statement with SKIP LOCKED: two runs at
 * once (the cron route and the in-process timer, or two servers) never fetch the same feed, and a
 * run that dies mid-fetch only delays that feed by one interval.
 */
async function claimDueFeeds(options: SyncChannelFeedsOptions): Promise<ClaimedFeed[]> {
  const intervalMs = (options.intervalMinutes ?? env.CHANNEL_SYNC_INTERVAL_MINUTES) * 60_000;
  const dueBefore = new Date(options.now.getTime() - intervalMs);
  const which = options.feedIds
    ? Prisma.sql`id IN (${Prisma.join(options.feedIds)})`
    : Prisma.sql`enabled AND ("lastAttemptAt" IS NULL OR "lastAttemptAt" <= ${dueBefore})`;
  return prisma.$queryRaw<ClaimedFeed[]>(Prisma.sql`
    UPDATE "ChannelFeed" SET "lastAttemptAt" = ${options.now}
     WHERE id IN (SELECT id FROM "ChannelFeed" WHERE ${which}
                   ORDER BY "lastAttemptAt" ASC NULLS FIRST, id
                   LIMIT ${FEEDS_PER_RUN} FOR UPDATE SKIP LOCKED)
    RETURNING id, "unitId", channel, url, etag, "lastModified"`);
}

/**
 * Alerts once per stale episode: a feed enabled but without a success for longer than the
 * threshold gets staleAlertedAt stamped (once, whoever runs concurrently: the UPDATE's row lock
 * decides) and its owner email queued in the same transaction, and the next success clears it.
 */
export async function alertStaleFeeds(options: { now: Date; staleHours?: number }): Promise<number> {
  const cutoff = new Date(options.now.getTime() - (options.staleHours ?? env.CHANNEL_FEED_STALE_HOURS) * 3_600_000);
  const alerts = await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ id: string; unitId: string; channel: string; lastSuccessAt: Date | null }>>`
      UPDATE "ChannelFeed" SET "staleAlertedAt" = ${options.now}
       WHERE enabled AND "staleAlertedAt" IS NULL AND COALESCE("lastSuccessAt", "createdAt") < ${cutoff}
      RETURNING id, "unitId", channel, "lastSuccessAt"`;
    const stale: OwnerAlert[] = rows.map((row) => ({
      kind: "channel-feed-stale",
      feedId: row.id,
      unitId: row.unitId,
      channel: row.channel,
      lastSuccessAt: row.lastSuccessAt,
      staleAlertedAt: options.now,
    }));
    for (const alert of stale) await notifyOwner(tx, alert, { now: options.now });
    return stale;
  });
  reportOwnerAlerts(alerts);
  return alerts.length;
}

/** The sync job: every due feed once, then the stale alerts. */
export async function syncChannelFeeds(options: SyncChannelFeedsOptions): Promise<Record<string, number>> {
  const feeds = await claimDueFeeds(options);
  const results: SyncFeedResult[] = [];
  for (let i = 0; i < feeds.length; i += PARALLEL_FETCHES) {
    const batch = feeds.slice(i, i + PARALLEL_FETCHES);
    const settled = await Promise.allSettled(batch.map((feed) => syncFeed(feed, { now: options.now, fetch: options.fetch })));
    settled.forEach((s, j) => {
      if (s.status === "fulfilled") results.push(s.value);
      else {
        logger.warn({ err: s.reason, feedId: batch[j]!.id }, "channel feed sync crashed");
        results.push({ feedId: batch[j]!.id, outcome: "failed", created: 0, updated: 0, deleted: 0, newConflicts: 0 });
      }
    });
  }
  const staleAlerts = await alertStaleFeeds({ now: options.now });
  const count = (outcome: SyncFeedResult["outcome"]) => results.filter((r) => r.outcome === outcome).length;
  return {
    feeds: results.length,
    changed: count("changed"),
    unchanged: count("unchanged") + count("not-modified"),
    failed: count("failed"),
    newConflicts: results.reduce((n, r) => n + r.newConflicts, 0),
    staleAlerts,
  };
}
