import "server-only";
import { Prisma } from "@prisma/client";
import { prisma, type Tx } from "@/lib/server/db/client";
import { isRetryableTxError } from "@/lib/server/db/errors";
import { conflict, serviceBusy } from "@/lib/server/errors";

export interface SerializableRetryOptions {
  /** Tries in all, including the first (default DEFAULT_ATTEMPTS). */
  attempts?: number;
  /** Longest the transaction may run once started (ms). */
  timeoutMs?: number;
  /** Longest to wait for a pooled connection to start it (ms). */
  maxWaitMs?: number;
  /** Other errors worth a fresh snapshot, e.g. a unique violation raised by a stale read. */
  retryIf?: (error: unknown) => boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Serialization failures here are mostly false positives: SSI locks index pages, and the partial
 * GiST index of ACTIVE holds is one or two pages, so every pair of concurrent hold transactions
 * looks like a conflict whatever their units (writers of one unit are already ordered by its
 * advisory lock). A burst of 200 holds on distinct stays rolled back ~2 tries per request; with 5
 * tries a few requests gave up. Since the unit gate (unit-gate.ts) lets one writer per unit into
 * the pool, every unit's writer runs at once and a loaded machine saw a few give up after 12, and
 * CI once saw one of 200 give up after 20 (the holds' rate-limit key had stopped costing a query
 * before the transaction, so the burst reaches it more at once): 40 tries with a capped, jittered
 * backoff absorb such a burst. Only false positives repeat this often; a real overlap is answered
 * on the next try.
 */
const DEFAULT_ATTEMPTS = 40;

function backoffMs(attempt: number): number {
  return Math.min(50, 2 ** attempt) * (0.5 + Math.random());
}

/**
 * Runs `fn` in a SERIALIZABLE transaction, retrying serialization failures (40001) and deadlocks
 * (40P01) with a small jittered backoff. Each try gets a fresh snapshot, which is what turns a
 * lost race into a clean answer (e.g. "unavailable") on the next try.
 */
export async function withSerializableRetry<T>(fn: (tx: Tx) => Promise<T>, options: SerializableRetryOptions = {}): Promise<T> {
  return retrySerializable(
    () =>
      prisma.$transaction(async (tx) => {
        const result = await fn(tx);
        // Commit from inside the callback. Prisma 6.19's client engine (transaction-manager
        // #closeTransaction) never releases the pooled connection when its own COMMIT fails,
        // and under SERIALIZABLE a COMMIT can fail with 40001: every such failure would leak one
        // of the pool's 10 connections until the process hangs. Failing here instead makes Prisma
        // roll back (a no-op warning on an ended transaction) and release the connection; its
        // own COMMIT afterwards is the same harmless no-op.
        await tx.$executeRawUnsafe("COMMIT");
        return result;
      }, {
        isolationLevel: Prisma.TransactionIsolationLevel.Serializable,
        // Generous for the transaction itself; waiting for a connection is bounded by the pool's
        // connectionTimeoutMillis (client.ts) and by maxWait.
        timeout: options.timeoutMs ?? 15_000,
        maxWait: options.maxWaitMs ?? 3_000,
      }),
    options,
  );
}

/**
 * The retry loop of a SERIALIZABLE transaction, whatever client runs it: `attempt` runs one whole
 * transaction (begin to commit) and is called again, after a backoff, when it fails with a
 * serialization failure, a deadlock or an error `retryIf` accepts.
 */
export async function retrySerializable<T>(attempt: () => Promise<T>, options: Pick<SerializableRetryOptions, "attempts" | "retryIf"> = {}): Promise<T> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  for (let tried = 1; ; tried++) {
    try {
      return await attempt();
    } catch (error) {
      const retryable = isRetryableTxError(error) || (options.retryIf?.(error) ?? false);
      if (retryable && tried < attempts) {
        await sleep(backoffMs(tried));
        continue;
      }
      if (retryable) {
        throw conflict(error);
      }
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2028") {
        // No connection became free within maxWait: the database is saturated, not broken.
        throw serviceBusy({ headers: { "Retry-After": "1" }, cause: error });
      }
      throw error;
    }
  }
}
