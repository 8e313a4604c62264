import "server-only";
import { now as clockNow } from "@/lib/clock";
import { prisma } from "@/lib/server/db/client";

const BATCH = 5_000;

/**
 * Deletes stored Idempotency-Key answers past their 24 hours, in batches. Rows are claimed with
 * SKIP LOCKED, so two runs at once split the work and never wait on each other or on a request.
 */
export async function deleteExpiredIdempotencyKeys(options: { now?: Date } = {}): Promise<{ deleted: number }> {
  const now = options.now ?? clockNow();
  let deleted = 0;
  for (;;) {
    const count = await prisma.$executeRaw`
      DELETE FROM "IdempotencyRecord" WHERE "id" IN (
        SELECT "id" FROM "IdempotencyRecord" WHERE "expiresAt" <= ${now}
        LIMIT ${BATCH} FOR UPDATE SKIP LOCKED
      )`;
    deleted += count;
    if (count < BATCH) return { deleted };
  }
}
