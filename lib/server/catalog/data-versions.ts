import "server-only";
import { Prisma } from "@prisma/client";
import { coalesce } from "@/lib/server/db/coalesce";
import { queryOn, readPool, readPoolInUse } from "@/lib/server/db/read-pool";

// Issue #19. Every in-process cache of the hot reads is keyed by versions the database bumps in
// the transaction that changes the data: CatalogVersion (units, rates, taxes, rules, policies),
// the sum of UnitStaysVersion (what blocks nights) and UnitFeedVersion (what a unit's iCal feed
// shows). A request alone reads them in its own one statement, which also returns the data when
// it changed. Requests that arrive while others are reading share one statement that reads only
// the versions (coalesce: always one sent after they arrived, so the answer is as fresh as their
// own would be); a request whose cache entry is still current then answers without a statement of
// its own, and one whose entry is out of date sends its usual statement.

export interface DataVersions {
  /** CatalogVersion.version as text; null when the row is missing (then nothing is cached). */
  catalog: string | null;
  /** The sum of UnitStaysVersion, as text (as load-stay-context reads it). */
  stays: string;
  /** UnitFeedVersion.version as text, by unit id (a unit without a row has no entry). */
  feeds: Record<string, string>;
}

// Each expression is the same as in the statement whose answer it is compared with.
const VERSIONS_SQL = Prisma.sql`
  SELECT (SELECT version FROM "CatalogVersion" WHERE id = 1)::text AS catalog,
         (SELECT coalesce(sum(version), 0)::text FROM "UnitStaysVersion") AS stays,
         (SELECT coalesce(json_object_agg("unitId", version::text), '{}'::json) FROM "UnitFeedVersion") AS feeds`;

async function readVersions(): Promise<DataVersions> {
  const [row] = await queryOn<DataVersions>(readPool, VERSIONS_SQL);
  if (!row) throw new Error("version statement returned no row");
  return row;
}

// One per process (Next.js evaluates this module once per route bundle; all routes share it).
const shared = ((globalThis as unknown as { __palmSharedVersions?: () => Promise<DataVersions> }).__palmSharedVersions ??=
  coalesce(readVersions));

/**
 * The current versions from a statement shared with the other requests in flight, or null when
 * this request is alone (it should send its own statement: sharing would only add one) or the
 * shared statement failed (its own statement reports the error, or succeeds).
 */
export async function sharedVersions(): Promise<DataVersions | null> {
  if (!readPoolInUse()) return null;
  return shared().catch(() => null);
}
