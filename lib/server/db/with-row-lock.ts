import "server-only";
import { Prisma } from "@prisma/client";
import { prisma, type Tx } from "@/lib/server/db/client";
import { serviceBusy } from "@/lib/server/errors";

/**
 * A READ COMMITTED transaction for work that serialises itself with row locks (SELECT ... FOR
 * UPDATE) instead of SERIALIZABLE's conflict detection. Under SERIALIZABLE a transaction that
 * waited for a row lock fails with 40001 as soon as it reads the row its predecessor changed, so
 * 20 refunds queued on one booking burned through their retries; under READ COMMITTED each one
 * waits its turn and then reads the committed state, which is what the checks inside need.
 */
export async function withRowLock<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await prisma.$transaction(fn, {
      isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted,
      // Generous: callers queue on the row lock while holding one of the pool's connections.
      timeout: 15_000,
      maxWait: 10_000,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2028") {
      throw serviceBusy({ headers: { "Retry-After": "1" }, cause: error });
    }
    throw error;
  }
}
