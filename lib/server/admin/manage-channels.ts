import "server-only";
import type { z } from "zod";
import type { consoleExportTokenBody, consoleFeedBody } from "@/lib/api/schemas/admin";
import { now as clockNow } from "@/lib/clock";
import type { AdminUser } from "@/lib/server/auth/session";
import { createExportToken, listExportTokens, revokeExportToken } from "@/lib/server/channels/export-tokens";
import { addFeed, listFeeds, removeFeed, setFeedEnabled, type FeedStatus } from "@/lib/server/channels/manage-feeds";
import { prisma } from "@/lib/server/db/client";
import { AppError, consoleRowGone } from "@/lib/server/errors";
import { recordAudit } from "./record-audit";

// The console's channels page: the channel-sync services (#17) with an audit entry in the same
// transaction as each change. A feed URL carries the channel's secret and an export token is one,
// so neither goes into the audit log (staff may read it one day): the host and the ids do.

export interface ChannelsPage {
  feeds: Array<FeedStatus & { unitName: string }>;
  tokens: Array<{ id: string; unitId: string; unitName: string; channel: string; createdAt: Date; revokedAt: Date | null }>;
  units: Array<{ id: string; name: string }>;
}

export async function getChannelsPage(options: { now?: Date } = {}): Promise<ChannelsPage> {
  const now = options.now ?? clockNow();
  const [feeds, tokens, units] = await Promise.all([
    listFeeds({ now }),
    listExportTokens(),
    prisma.unit.findMany({ where: { active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const names = new Map((await prisma.unit.findMany({ select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return {
    feeds: feeds.map((f) => ({ ...f, unitName: names.get(f.unitId) ?? f.unitSlug })),
    tokens: tokens.map((t) => ({ ...t, unitName: names.get(t.unitId) ?? t.unitId })),
    units,
  };
}

const host = (url: string) => new URL(url).host;

export async function addFeedFromConsole(options: { input: z.infer<typeof consoleFeedBody>; actor: AdminUser }) {
  const { input, actor } = options;
  return prisma.$transaction(async (tx) => {
    const feed = await addFeed({ unit: input.unitId, channel: input.channel, url: input.url }, tx);
    await recordAudit(tx, actor, { action: "Import feed added", entityType: "ChannelFeed", entityId: feed.id, after: { unitId: feed.unitId, channel: feed.channel, host: host(input.url) } });
    return feed;
  });
}

export async function setFeedEnabledFromConsole(options: { feedId: string; enabled: boolean; actor: AdminUser }) {
  const { feedId, enabled, actor } = options;
  await prisma.$transaction(async (tx) => {
    const current = await tx.channelFeed.findUnique({ where: { id: feedId }, select: { enabled: true, unitId: true, channel: true } });
    if (!current) throw consoleRowGone("import feed");
    await setFeedEnabled(feedId, enabled, tx);
    await recordAudit(tx, actor, {
      action: enabled ? "Import feed resumed" : "Import feed paused",
      entityType: "ChannelFeed",
      entityId: feedId,
      before: { enabled: current.enabled },
      after: { enabled },
    });
  });
  return { id: feedId, enabled };
}

/**
 * Removes an import feed: its blocks go with it, so the nights it held open again at once (the
 * owner stops syncing a channel, or replaces a wrong URL). Pausing keeps them instead.
 */
export async function removeFeedFromConsole(options: { feedId: string; actor: AdminUser; now?: Date }) {
  const now = options.now ?? clockNow();
  return prisma.$transaction(async (tx) => {
    const removed = await removeFeed(options.feedId, { now }, tx).catch((error: unknown) => {
      throw error instanceof AppError && error.code === "NOT_FOUND" ? consoleRowGone("import feed") : error;
    });
    await recordAudit(tx, options.actor, {
      action: "Import feed removed",
      entityType: "ChannelFeed",
      entityId: options.feedId,
      before: { unitId: removed.unitId, channel: removed.channel, host: host(removed.url), blocks: removed.blocks },
    });
    return { id: options.feedId, removed: true, blocksRemoved: removed.blocks };
  });
}

/** A new export URL; the token is in the answer once and nowhere else. */
export async function createExportTokenFromConsole(options: { input: z.infer<typeof consoleExportTokenBody>; actor: AdminUser }) {
  const { input, actor } = options;
  return prisma.$transaction(async (tx) => {
    const created = await createExportToken({ unit: input.unitId, channel: input.channel }, tx);
    await recordAudit(tx, actor, { action: "Export URL created", entityType: "ChannelExportToken", entityId: created.id, after: { unitId: created.unitId, channel: created.channel } });
    return created;
  });
}

export async function revokeExportTokenFromConsole(options: { tokenId: string; actor: AdminUser; now?: Date }) {
  const now = options.now ?? clockNow();
  await prisma.$transaction(async (tx) => {
    const current = await tx.channelExportToken.findUnique({ where: { id: options.tokenId }, select: { revokedAt: true, unitId: true, channel: true } });
    if (!current) throw consoleRowGone("export URL");
    if (current.revokedAt) return;
    await revokeExportToken(options.tokenId, { now }, tx);
    await recordAudit(tx, options.actor, {
      action: "Export URL revoked",
      entityType: "ChannelExportToken",
      entityId: options.tokenId,
      before: { unitId: current.unitId, channel: current.channel, revokedAt: null },
      after: { unitId: current.unitId, channel: current.channel, revokedAt: now },
    });
  });
  return { id: options.tokenId, revoked: true };
}
