import "server-only";
import { now as clockNow } from "@/lib/clock";
import { prisma } from "@/lib/server/db/client";
import { cancelExpiredIntents } from "@/lib/server/payments/cancel-expired-intents";
import { expireStaleHolds } from "@/lib/server/holds/expire-stale-holds";

/**
 * Marks ACTIVE holds whose expiresAt has passed as EXPIRED, then cancels the PaymentIntents of
 * expired holds (these and any an earlier run could not reach Stripe for); returns how many.
 */
export async function expireHolds(options: { now?: Date } = {}): Promise<{ expired: number; intentsCancelled: number }> {
  const now = options.now ?? clockNow();
  const expired = await prisma.$transaction((tx) => expireStaleHolds(tx, { now }));
  // Outside the transaction: a Stripe call never runs inside a database transaction.
  const { cancelled } = await cancelExpiredIntents({ now });
  return { expired: expired.length, intentsCancelled: cancelled };
}
