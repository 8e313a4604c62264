import "server-only";
import { prisma } from "@/lib/server/db/client";
import { cancelExpiredIntents } from "@/lib/server/payments/cancel-expired-intents";

/**
 * Marks ACTIVE holds whose expiresAt has passed as EXPIRED, then cancels the PaymentIntents of
 * expired holds (these and any an earlier run could not reach Stripe for); returns how many.
 */
export async function expireHolds(options: { now?: Date } = {}): Promise<{ expired: number; intentsCancelled: number }> {
  const now = options.now ?? new Date();
  const result = await prisma.hold.updateMany({
    where: { status: "ACTIVE", expiresAt: { lte: now } },
    data: { status: "EXPIRED" },
  });
  // Outside the update: a Stripe call never runs inside a database transaction.
  const { cancelled } = await cancelExpiredIntents({ now });
  return { expired: result.count, intentsCancelled: cancelled };
}
