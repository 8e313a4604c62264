import "server-only";
import { env } from "@/lib/env";
import { addDays, todayIn, toDbDate } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { enqueuePreArrival } from "@/lib/server/notifications/enqueue";
import { now as clockNow } from "@/lib/clock";

/**
 * Queues the pre-arrival email of each confirmed booking that arrives within PRE_ARRIVAL_DAYS
 * (today included, in the property's time zone) and has none yet. One transaction behind an
 * advisory lock, and at most one row per booking (dedupe key), so concurrent runs queue each once.
 */
export async function enqueuePreArrivalEmails(options: { now?: Date; days?: number } = {}): Promise<{ queued: number }> {
  const days = options.days ?? env.PRE_ARRIVAL_DAYS;
  if (days === 0) return { queued: 0 };
  const now = options.now ?? clockNow();
  const today = todayIn(env.PROPERTY_TIMEZONE, now);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('job:pre-arrival'))`;
    const due = await tx.booking.findMany({
      where: {
        status: "CONFIRMED",
        checkIn: { gte: toDbDate(today), lte: toDbDate(addDays(today, days)) },
        outboxMessages: { none: { kind: "PRE_ARRIVAL" } },
      },
      select: { id: true, checkOut: true },
      take: 200,
    });
    for (const booking of due) await enqueuePreArrival(tx, booking, { now });
    return { queued: due.length };
  });
}
