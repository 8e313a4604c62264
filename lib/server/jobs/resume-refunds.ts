import "server-only";
import { prisma } from "@/lib/server/db/client";
import { submitRefund } from "@/lib/server/refunds/submit-refund";

/**
 * Completes refund decisions whose Stripe call was never confirmed (a crash, a timeout, Stripe
 * down). Safe to run twice at once and next to a live request: each refund is sent with its own
 * recorded idempotency key, so Stripe makes it once however many callers send it. Refunds decided
 * in the last `minAgeMs` are left to the request that decided them.
 */
export async function resumeRefunds(options: { now: Date; minAgeMs?: number; limit?: number }): Promise<{ resumed: number; pending: number }> {
  const cutoff = new Date(options.now.getTime() - (options.minAgeMs ?? 60_000));
  const due = await prisma.bookingRefund.findMany({
    where: { status: "PENDING", stripeRefundId: null, requestedAt: { lte: cutoff } },
    orderBy: { requestedAt: "asc" },
    take: options.limit ?? 50,
    select: { id: true },
  });
  let resumed = 0;
  let pending = 0;
  for (const { id } of due) {
    const after = await submitRefund(id);
    if (after.status === "PENDING") pending++;
    else resumed++;
  }
  return { resumed, pending };
}
