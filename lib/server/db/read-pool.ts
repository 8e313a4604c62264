import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import type { Prisma } from "@prisma/client";
import { env } from "@/lib/env";
import { POOL_CONNECTION_TIMEOUT_MS, prisma, type Db } from "@/lib/server/db/client";
import { preparedStatementsFor } from "@/lib/server/db/prepared-statements";

// The hot reads' path to PostgreSQL: `pg` directly, one statement per request. Prisma's client
// costs ~0.7 ms of server CPU per round trip here (query compiler, adapter, result mapping),
// more than the SQL itself; these reads are already single hand-written statements, so they keep
// their Prisma.sql templates and only skip the client (docs/decisions.md, issue #19). The one hot
// write, placing a hold, runs here too (pg-transaction.ts); every other write and transaction
// stays on Prisma.

const DATE_OID = 1082;

// DATE arrives as midnight UTC, exactly as Prisma returns it, so fromDbDate works on both paths
// (pg's default would build a local-time Date and shift the day west of UTC).
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === DATE_OID && format !== "binary"
      ? (value: string) => new Date(`${value}T00:00:00Z`)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

const globalForPool = globalThis as unknown as { __palmReadPool?: pg.Pool };

function createPool(): pg.Pool {
  const pool = new pg.Pool({
    connectionString: env.DATABASE_URL,
    max: 10,
    connectionTimeoutMillis: POOL_CONNECTION_TIMEOUT_MS,
    types,
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  return pool;
}

// Parked on globalThis in every environment: Next.js bundles each route separately, and a module
// copy per route must not mean a pool (and 10 connections) per route.
export const readPool: pg.Pool = (globalForPool.__palmReadPool ??= createPool());

// Dates are sent as ISO strings in UTC: pg would write a local time with an offset, which a
// `::date` cast would read as the previous day west of UTC.
const param = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/**
 * Runs one statement and returns its rows. On the shared client it goes through `pg`; given a
 * transaction (or any other client, e.g. a test's) it runs there, so callers inside a
 * transaction still read their own snapshot.
 */
export async function queryRows<T>(db: Db, sql: Prisma.Sql): Promise<T[]> {
  if (db !== prisma) return (db as Prisma.TransactionClient).$queryRaw<T[]>(sql);
  return queryOn<T>(readPool, sql);
}

/** Runs one statement on this pool, or on a client of it (e.g. inside withPgSerializable), and returns its rows. */
export async function queryOn<T>(client: pg.Pool | pg.ClientBase, sql: Prisma.Sql): Promise<T[]> {
  // Prisma.Sql builds `text` anew on every read of it.
  const text = sql.text;
  const result = await client.query({ name: statementName(text), text, values: sql.values.map(param) });
  return result.rows as T[];
}

const prepare = preparedStatementsFor(env.DATABASE_PREPARED_STATEMENTS, env.DATABASE_URL);
const statementNames = new Map<string, string>();

// The statements are Prisma.sql templates whose values are all parameters, so there are a few
// dozen texts at most; the name is derived from the text, so one text is prepared once per connection.
function statementName(text: string): string | undefined {
  if (!prepare) return undefined;
  let name = statementNames.get(text);
  if (!name) {
    name = `pac_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    if (statementNames.size < 1_000) statementNames.set(text, name);
  }
  return name;
}

/**
 * Whether any statement of this process is using or waiting for the pool right now. A hot read
 * that is alone sends its own statement; one that arrives while others run shares a version
 * check with them (lib/server/catalog/data-versions.ts).
 */
export function readPoolInUse(): boolean {
  return readPool.waitingCount > 0 || readPool.totalCount > readPool.idleCount;
}
