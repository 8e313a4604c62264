import "server-only";
import type { Db } from "@/lib/server/db/client";
import { logger } from "@/lib/server/logger";

// The one place channel sync tells the owner something needs them. The fact behind an alert is
// recorded first (ChannelConflict.alertedAt, ChannelFeed.staleAlertedAt), so each is sent once;
// today the alert is a warn-level log line a log drain can page on. The email outbox
// (notifications/) plugs in here: insert its row with `db` (a stale alert passes the transaction
// that stamped staleAlertedAt; conflict alerts are sent right after their transaction commits).

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
  | { kind: "channel-feed-stale"; unitId: string; channel: string; feedId: string; lastSuccessAt: Date | null };

/** Records an alert for the owner; `db` is the transaction that recorded the fact behind it. */
export async function notifyOwner(_db: Db, alert: OwnerAlert): Promise<void> {
  // No URL, no guest data: ids, channel and dates only.
  logger.warn({ alert }, alert.kind === "channel-conflict" ? "channel conflict: owner alert" : "channel feed stale: owner alert");
}
