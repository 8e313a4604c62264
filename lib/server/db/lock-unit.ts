import "server-only";
import type { Tx } from "@/lib/server/db/client";

/**
 * Takes the unit's transaction-scoped advisory lock; PostgreSQL releases it at commit or
 * rollback. Every transaction that writes holds or bookings of a unit takes it first, so writers
 * of one unit queue here instead of racing into the EXCLUDE constraints, where concurrent
 * inserts can deadlock and wait out the 1 s deadlock detector (see docs/decisions.md).
 * Two-key form: the first key namespaces our locks away from any other advisory-lock user.
 */
export async function lockUnit(tx: Tx, unitId: string): Promise<void> {
  // $executeRaw: the function returns void, which the query path cannot deserialise.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('palm-aire-court:unit'), hashtext(${unitId}::text))`;
}
