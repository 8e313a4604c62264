import "server-only";
import type pg from "pg";
import { readPool } from "@/lib/server/db/read-pool";
import { retrySerializable, type SerializableRetryOptions } from "@/lib/server/db/with-serializable-retry";

/**
 * withSerializableRetry on `pg` directly, for the hot write whose transaction is a few hand-written
 * statements (placing a hold): BEGIN, the statements, COMMIT, one round trip each, where Prisma's
 * interactive transaction costs twice the round trips and its client's CPU on each (issue #19,
 * docs/decisions.md). Same isolation, same retries. Statements run with queryOn (read-pool.ts).
 */
export async function withPgSerializable<T>(
  fn: (client: pg.PoolClient) => Promise<T>,
  options: Pick<SerializableRetryOptions, "attempts" | "retryIf"> = {},
): Promise<T> {
  return retrySerializable(async () => {
    const client = await readPool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      // After a failed COMMIT the transaction is already over and this is a harmless no-op; if
      // even ROLLBACK fails, the connection is unusable and is discarded, not returned to the pool.
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }, options);
}
