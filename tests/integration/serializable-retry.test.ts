import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "pg";
import { prisma } from "@/lib/server/db/client";
import { withSerializableRetry } from "@/lib/server/db/with-serializable-retry";
import { AppError } from "@/lib/server/errors";

// withSerializableRetry against real SERIALIZABLE conflicts. A write skew with a second session
// makes PostgreSQL cancel our transaction at COMMIT (40001), the case in which Prisma 6.19 would
// otherwise keep the pooled connection forever (docs/decisions.md).

let other: Client;

beforeAll(async () => {
  other = new Client({ connectionString: process.env.DATABASE_URL });
  other.on("error", () => undefined);
  await other.connect();
  await other.query(`CREATE TABLE skew (id int PRIMARY KEY, v int NOT NULL); INSERT INTO skew VALUES (1, 0), (2, 0);`);
});

afterAll(async () => {
  await other.end();
});

/**
 * Our transaction reads row 2 and writes row 1; meanwhile the other session reads row 1, writes
 * row 2 and commits first. The dependency cycle can only be broken by cancelling ours, and as it
 * has no statement left, PostgreSQL does so at COMMIT.
 */
async function skewedTransaction(): Promise<string> {
  return withSerializableRetry(
    async (tx) => {
      await tx.$queryRaw`SELECT v FROM skew WHERE id = 2`;
      await tx.$executeRaw`UPDATE skew SET v = v + 1 WHERE id = 1`;
      await other.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
      await other.query("SELECT v FROM skew WHERE id = 1");
      await other.query("UPDATE skew SET v = v + 1 WHERE id = 2");
      await other.query("COMMIT");
      return "committed";
    },
    { attempts: 1 },
  );
}

describe("withSerializableRetry", () => {
  it("turns a COMMIT-time serialization failure into a 409 and keeps the pool whole", async () => {
    // More failures than the pool has connections (10): a leak would starve the query below.
    for (let i = 0; i < 12; i++) {
      const error = await skewedTransaction().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("CONFLICT");
      expect((error as AppError).status).toBe(409);
    }
    const rows = await withSerializableRetry((tx) => tx.$queryRaw<Array<{ v: number }>>`SELECT v FROM skew ORDER BY id`, { maxWaitMs: 2_000 });
    // Our 12 updates of row 1 were all rolled back; the other session's 12 of row 2 committed.
    expect(rows).toEqual([{ v: 0 }, { v: 12 }]);
  });

  it("retries a serialization failure with a fresh snapshot and then succeeds", async () => {
    let calls = 0;
    const result = await withSerializableRetry(async (tx) => {
      calls++;
      await tx.$queryRaw`SELECT v FROM skew WHERE id = 2`;
      await tx.$executeRaw`UPDATE skew SET v = v + 1 WHERE id = 1`;
      if (calls === 1) {
        await other.query("BEGIN ISOLATION LEVEL SERIALIZABLE");
        await other.query("SELECT v FROM skew WHERE id = 1");
        await other.query("UPDATE skew SET v = v + 1 WHERE id = 2");
        await other.query("COMMIT");
      }
      return calls;
    });
    expect(result).toBe(2);
    const rows = await prisma.$queryRaw<Array<{ v: number }>>`SELECT v FROM skew ORDER BY id`;
    expect(rows).toEqual([{ v: 1 }, { v: 13 }]);
  });

  it("does not retry an application error", async () => {
    let calls = 0;
    const error = await withSerializableRetry(async () => {
      calls++;
      throw new AppError("UNAVAILABLE", "Those dates are no longer available.");
    }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("UNAVAILABLE");
    expect(calls).toBe(1);
  });
});
