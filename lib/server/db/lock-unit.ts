import "server-only";
import { Prisma } from "@prisma/client";
import type { Tx } from "@/lib/server/db/client";

/** Longest a write waits for its unit's lock before answering 503 with Retry-After (ms). */
export const LOCK_TIMEOUT_MS = 1000;
/** Longest any statement of a write transaction may run once it has the unit (ms). */
export const WRITE_STATEMENT_TIMEOUT_MS = 5000;

/**
 * Takes the unit's transaction-scoped advisory lock; PostgreSQL releases it at commit or
 * rollback. Every transaction that writes holds or bookings of a unit takes it first, so writers
 * of one unit queue here instead of racing into the EXCLUDE constraints, where concurrent
 * inserts can deadlock and wait out the 1 s deadlock detector (see docs/decisions.md).
 * Two-key form: the first key namespaces our locks away from any other advisory-lock user.
 *
 * The wait is bounded (lock_timeout), and so is every later statement of the transaction
 * (statement_timeout): a stuck holder of the lock turns into SQLSTATE 55P03 / 57014, answered 503
 * with Retry-After, instead of an endless queue. Callers go through withUnitGate (unit-gate.ts),
 * which caps how many pooled connections may wait here for one unit.
 */
export async function lockUnit(tx: Tx, unitId: string): Promise<void> {
  // $executeRaw: the lock function returns void, which the query path cannot deserialise.
  await tx.$executeRaw`WITH ${unitLockCtes(unitId)} SELECT count(*) FROM unit_lock`;
}

/**
 * lockUnit as common table expressions (`limits`, then `unit_lock`), for a statement that does more
 * once it holds the lock: read `(SELECT count(*) FROM unit_lock)` first to take it. One round trip:
 * the MATERIALIZED `limits` runs first, so lock_timeout is already set when the lock wait starts.
 * set_config(..., true) is SET LOCAL: it ends with the transaction. Constants only.
 */
export function unitLockCtes(unitId: string): Prisma.Sql {
  return Prisma.sql`
    limits AS MATERIALIZED (
      SELECT set_config('lock_timeout', ${`${LOCK_TIMEOUT_MS}ms`}, true) AS l,
             set_config('statement_timeout', ${`${WRITE_STATEMENT_TIMEOUT_MS}ms`}, true) AS s
    ),
    unit_lock AS MATERIALIZED (
      SELECT pg_advisory_xact_lock(hashtext('palm-aire-court:unit'), hashtext(${unitId}::text)) FROM limits
    )`;
}
