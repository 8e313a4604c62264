import "server-only";
import type { Tx } from "@/lib/server/db/client";
import { enqueueHoldExpiredWhilePaying } from "@/lib/server/notifications/enqueue";

/**
 * Marks ACTIVE holds past expiresAt (of one unit, or all) EXPIRED, and in the same transaction
 * queues a notice to each guest who had reached the payment step (a PaymentIntent exists), so
 * they learn the nights were released. UPDATE ... RETURNING: a hold is expired by one caller
 * only, so the notice is queued once. Returns the ids of the holds it expired (their
 * PaymentIntents are cancelled after the transaction).
 */
export async function expireStaleHolds(tx: Tx, options: { unitId?: string; now: Date }): Promise<string[]> {
  const expired = await tx.hold.updateManyAndReturn({
    where: { ...(options.unitId ? { unitId: options.unitId } : {}), status: "ACTIVE", expiresAt: { lte: options.now } },
    data: { status: "EXPIRED" },
    select: { id: true, stripeIntentId: true, customerId: true },
  });
  for (const hold of expired) {
    if (hold.stripeIntentId && hold.customerId) await enqueueHoldExpiredWhilePaying(tx, hold, { now: options.now });
  }
  return expired.map((h) => h.id);
}
