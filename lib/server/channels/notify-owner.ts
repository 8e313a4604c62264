import "server-only";
import type { Db } from "@/lib/server/db/client";
import { logger } from "@/lib/server/logger";
import { kickOutbox } from "@/lib/server/notifications/kick-outbox";
import { enqueueChannelConflictAlert, enqueueChannelFeedStaleAlert } from "@/lib/server/notifications/enqueue";

// The one place channel sync tells the owner something needs them: an email through the outbox
// and a warn-level log line a log drain can page on. The email's row is inserted by the same
// transaction that records the fact behind the alert (ChannelConflict.alertedAt,
// ChannelFeed.staleAlertedAt), so both commit together or not at all: one email per conflict and
// per stale episode, however many syncs run at once. The log line is written after the commit,
// since a SERIALIZABLE retry would otherwise say the same thing twice.

export type OwnerAlert =
  | {
      kind: "channel-conflict";
      unitId: string;
      channel: string;
      conflictId: string;
      /** Nights the other channel sold [start, end). */
      blockStart: string;
      blockEnd: string;
      stayKind: "booking" | "hold";
      stayId: string;
    }
  | { kind: "channel-feed-stale"; unitId: string; channel: string; feedId: string; lastSuccessAt: Date | null; staleAlertedAt: Date };

/** Queues the owner's email; `tx` is the transaction that recorded the fact behind the alert. */
export async function notifyOwner(tx: Db, alert: OwnerAlert, options: { now: Date }): Promise<void> {
  if (alert.kind === "channel-conflict") await enqueueChannelConflictAlert(tx, { id: alert.conflictId }, options);
  else await enqueueChannelFeedStaleAlert(tx, { id: alert.feedId, staleAlertedAt: alert.staleAlertedAt }, options);
}

/** After the commit: the log line of each alert, and the outbox asked to deliver now. */
export function reportOwnerAlerts(alerts: OwnerAlert[]): void {
  for (const alert of alerts) {
    // No URL, no guest data: ids, channel and dates only.
    logger.warn({ alert }, alert.kind === "channel-conflict" ? "channel conflict: owner alert" : "channel feed stale: owner alert");
  }
  if (alerts.length > 0) kickOutbox();
}
