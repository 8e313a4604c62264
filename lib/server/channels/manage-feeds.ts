import "server-only";
import type { z } from "zod";
import { addFeedInput } from "@/lib/api/schemas/channels";
import { env } from "@/lib/env";
import { prisma, type Db } from "@/lib/server/db/client";
import { isConflictError } from "@/lib/server/db/errors";
import { AppError } from "@/lib/server/errors";
import { activeUnitWhere, pickUnit } from "@/lib/server/units/unit-ref";

// The owner's import feeds. Owner-only: called by scripts/feeds.ts today and by the owner
// console's server actions once owners sign in; never exposed on a public route.

export interface FeedStatus {
  id: string;
  unitId: string;
  unitSlug: string;
  channel: string;
  /** The feed's URL: owner-only (it carries the channel's secret). */
  url: string;
  enabled: boolean;
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  lastChangeAt: Date | null;
  lastError: string | null;
  eventCount: number;
  blocks: number;
  stale: boolean;
}

export async function resolveUnit(db: Db, ref: string): Promise<{ id: string; slug: string }> {
  const units = await db.unit.findMany({ where: activeUnitWhere(ref), take: 2, select: { id: true, slug: true } });
  return pickUnit(units, ref);
}

/** Whether a feed is stale at `now`: enabled and no success (since it was added) for longer than the threshold. */
export function isStale(feed: { enabled: boolean; lastSuccessAt: Date | null; createdAt: Date }, now: Date, staleHours = env.CHANNEL_FEED_STALE_HOURS): boolean {
  const since = feed.lastSuccessAt ?? feed.createdAt;
  return feed.enabled && now.getTime() - since.getTime() > staleHours * 3_600_000;
}

export async function addFeed(input: z.input<typeof addFeedInput>, db: Db = prisma): Promise<{ id: string; unitId: string; channel: string }> {
  const parsed = addFeedInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError("VALIDATION_FAILED", "The request is not valid; see issues.", {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  }
  const unit = await resolveUnit(db, parsed.data.unit);
  try {
    return await db.channelFeed.create({
      data: { unitId: unit.id, channel: parsed.data.channel, url: parsed.data.url },
      select: { id: true, unitId: true, channel: true },
    });
  } catch (error) {
    if (isConflictError(error)) throw new AppError("CONFLICT", "This calendar URL is already connected to the unit.");
    throw error;
  }
}

export async function listFeeds(options: { unit?: string; now: Date }, db: Db = prisma): Promise<FeedStatus[]> {
  const unitId = options.unit ? (await resolveUnit(db, options.unit)).id : undefined;
  const feeds = await db.channelFeed.findMany({
    where: unitId ? { unitId } : {},
    include: { unit: { select: { slug: true } }, _count: { select: { blocks: true } } },
    orderBy: [{ unitId: "asc" }, { channel: "asc" }, { createdAt: "asc" }],
  });
  return feeds.map((f) => ({
    id: f.id,
    unitId: f.unitId,
    unitSlug: f.unit.slug,
    channel: f.channel,
    url: f.url,
    enabled: f.enabled,
    lastAttemptAt: f.lastAttemptAt,
    lastSuccessAt: f.lastSuccessAt,
    lastChangeAt: f.lastChangeAt,
    lastError: f.lastError,
    eventCount: f.eventCount,
    blocks: f._count.blocks,
    stale: isStale(f, options.now),
  }));
}

export interface RemovedFeed {
  unitId: string;
  channel: string;
  url: string;
  /** Imported blocks removed with the feed: their nights are open again. */
  blocks: number;
}

/**
 * Removes a feed and the blocks it imported (those nights open again at once), and closes its
 * conflicts, in one transaction. Freeing nights needs no unit lock: nothing can be double-booked
 * by it.
 */
export async function removeFeed(feedId: string, options: { now: Date }, db: Db = prisma): Promise<RemovedFeed> {
  if (db === prisma) return prisma.$transaction((tx) => removeFeed(feedId, options, tx));
  const feed = await db.channelFeed.findUnique({ where: { id: feedId }, select: { unitId: true, channel: true, url: true, _count: { select: { blocks: true } } } });
  if (!feed) throw new AppError("NOT_FOUND", "No import feed has this id.");
  // The blocks go by the foreign key's cascade (their triggers bump the unit's stays version).
  await db.channelFeed.delete({ where: { id: feedId } });
  await db.channelConflict.updateMany({ where: { feedId, resolvedAt: null }, data: { resolvedAt: options.now } });
  return { unitId: feed.unitId, channel: feed.channel, url: feed.url, blocks: feed._count.blocks };
}

/** Pauses or resumes a feed. A paused feed keeps its blocks (its last good state) and is never stale. */
export async function setFeedEnabled(feedId: string, enabled: boolean, db: Db = prisma): Promise<void> {
  const updated = await db.channelFeed.updateMany({ where: { id: feedId }, data: { enabled, ...(enabled ? {} : { staleAlertedAt: null }) } });
  if (updated.count === 0) throw new AppError("NOT_FOUND", "No import feed has this id.");
}
