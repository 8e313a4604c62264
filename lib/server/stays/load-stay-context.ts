import "server-only";
import { Prisma, type UnitType } from "@prisma/client";
import { minutesIntoDayIn, todayIn, type IsoDate } from "@/lib/dates";
import { env } from "@/lib/env";
import type { ContextStay, ContextUnit, StayContext } from "@/lib/rules/evaluate-stay";
import { blockingStaysSql } from "@/lib/server/availability/find-blocking-stays";
import {
  cachedCatalog,
  catalogColumns,
  catalogFromRow,
  catalogVersionFrom,
  findActiveUnit,
  memoize,
  planOf,
  policyOf,
  type Catalog,
  type CatalogRow,
} from "@/lib/server/catalog/catalog";
import { prisma, type Db } from "@/lib/server/db/client";
import { queryRows } from "@/lib/server/db/read-pool";
import { sharedVersions } from "@/lib/server/catalog/data-versions";

/** How far either side of a stay alternatives look (issue #13: within 14 days). */
export const ALTERNATIVE_SHIFT_DAYS = 14;

export interface LoadStayContextOptions {
  /** Resolve this unit (id or slug; an exact id wins) as the context's target. */
  unitRef?: string;
  /** Only units of this type (search); otherwise every active unit, for alternatives. */
  type?: UnitType;
  /** The stays to be judged lie within [start, end) (plus shifts of up to ALTERNATIVE_SHIFT_DAYS). */
  start: IsoDate;
  end: IsoDate;
  now: Date;
  /** Load the other units' stays too (default true); without them no alternatives can be found. */
  otherUnitsStays?: boolean;
}

export interface LoadedStayContext {
  targetId: string | null;
  context: StayContext;
  /** The target unit's effective cancellation policy row (unit, else category, else default). */
  cancellationPolicy: unknown;
  /**
   * Answers derived from exactly this context (the same stays, catalog, day and hour), shared by
   * the requests that load the same context until any of those changes: see `memoizeAnswer`.
   */
  answers: Map<string, unknown>;
}

// Issue #19. The rates, taxes and rules come from the in-memory catalog (lib/server/catalog), and
// the stays of a window are kept between requests while nothing that blocks a night has changed:
// statement triggers bump UnitStaysVersion in the transaction that writes a booking, hold or block
// (migration 20261129150000_stays_version), and every request reads the sum of those versions in
// its one statement, which returns the stays again only when that sum (or the catalog) moved. Time
// is the one thing no transaction announces: a live hold stops blocking at its expiresAt, so kept
// stays are used only before the earliest expiry among them. A request that arrives while others
// are in flight checks the versions with them instead (lib/server/catalog/data-versions.ts).
// Inside a transaction (holds, checkout) nothing is kept or reused: the caller's snapshot and
// locks decide.

interface WindowEntry {
  catalogVersion: string | null;
  staysVersion: string;
  /** The stays were read as of this instant (ms) and stay exact until validUntil (ms). */
  loadedAt: number;
  validUntil: number;
  stays: ContextStay[];
  answers: Map<string, Map<string, unknown>>;
}

const MAX_WINDOWS = 500;
const MAX_ANSWER_SETS = 64;

// One per process (Next.js evaluates this module once per route bundle).
const windows = ((globalThis as unknown as { __palmStayWindows?: Map<string, WindowEntry> }).__palmStayWindows ??= new Map());

type StayJson = Omit<ContextStay, "start" | "end"> & { start: IsoDate; end: IsoDate; expiresMs: number | null };

type Row = CatalogRow & { stays_version: string; stays: StayJson[] | null };

/**
 * Everything a stay is judged by, in ONE statement: the catalog's version (and the catalog when it
 * changed), the version of what blocks nights, and every stay that blocks nights near [start, end)
 * when the ones kept for this window are no longer current. The window is widened by the longest
 * minimum stay and the alternatives' shift, so a free gap shorter than any minimum is seen whole.
 */
export async function loadStayContext(options: LoadStayContextOptions, db: Db = prisma): Promise<LoadedStayContext> {
  const ref = options.unitRef ?? "";
  const onlyTarget = options.otherUnitsStays === false && Boolean(options.unitRef);
  const shared = db === prisma;
  const nowMs = options.now.getTime();
  const windowKey = `${onlyTarget ? ref : "*"}|${options.start}|${options.end}`;
  const kept = shared ? windows.get(windowKey) : undefined;
  const usable = kept && nowMs >= kept.loadedAt && nowMs < kept.validUntil ? kept : undefined;
  const known = cachedCatalog();

  // Requests in flight share one version check; a kept window it finds current needs no statement.
  const reused = shared && usable && known && (await stillCurrent(usable, known)) ? { catalog: known, entry: usable } : null;
  const { catalog, entry } = reused ?? (await loadWindow(db, options, { windowKey, onlyTarget, usable, known }));

  const units = contextUnits(catalog, options.type);
  const target = options.unitRef ? findActiveUnit(catalog, options.unitRef) : null;
  const targetId = target && (!options.type || target.type === options.type) ? target.id : null;
  const today = todayIn(env.PROPERTY_TIMEZONE, options.now);
  // Rules read the time of day only as whole hours (sameDayCutoffHour), so one hour shares answers.
  const minutesIntoDay = minutesIntoDayIn(env.PROPERTY_TIMEZONE, options.now);
  const answerKey = `${catalog.version}|${options.type ?? ""}|${today}|${Math.floor(minutesIntoDay / 60)}`;
  let answers = entry.answers.get(answerKey);
  if (!answers) {
    if (entry.answers.size >= MAX_ANSWER_SETS) entry.answers.clear();
    answers = new Map();
    // Only a kept window's answers outlive this request.
    if (shared) entry.answers.set(answerKey, answers);
  }
  return {
    targetId,
    cancellationPolicy: target ? policyOf(catalog, target) : null,
    answers,
    context: {
      units,
      seasons: catalog.seasons,
      fees: catalog.fees,
      taxes: catalog.taxes,
      rules: catalog.rules,
      stays: entry.stays,
      // "Today" is the property's date, not the server's: at 9 pm in Florida it is already tomorrow in UTC.
      today,
      minutesIntoDay,
    },
  };
}

/**
 * The answer `compute` gives for this context, computed once per context: later requests that load
 * the same stays, catalog, day and hour get the same value. Answers must be plain data the
 * callers never mutate (errors are rebuilt from them, not kept).
 */
export function memoizeAnswer<T>(loaded: LoadedStayContext, key: string, compute: () => T): T {
  if (loaded.answers.has(key)) return loaded.answers.get(key) as T;
  const value = compute();
  if (loaded.answers.size >= 2_000) loaded.answers.clear();
  loaded.answers.set(key, value);
  return value;
}

/** Whether a version check shared with the requests in flight finds the kept window and catalog current. */
async function stillCurrent(kept: WindowEntry, known: Catalog): Promise<boolean> {
  const versions = await sharedVersions();
  return (
    versions !== null && versions.catalog === known.version && versions.catalog === kept.catalogVersion && versions.stays === kept.staysVersion
  );
}

/** The window's stays (kept, or read again when they changed) and the catalog, in one statement. */
async function loadWindow(
  db: Db,
  options: LoadStayContextOptions,
  { windowKey, onlyTarget, usable, known }: { windowKey: string; onlyTarget: boolean; usable?: WindowEntry; known: Catalog | null },
): Promise<{ catalog: Catalog; entry: WindowEntry }> {
  const ref = options.unitRef ?? "";
  const shared = db === prisma;
  const nowMs = options.now.getTime();
  const unitFilter = onlyTarget
    ? Prisma.sql`"unitId" IN (SELECT id FROM "Unit" WHERE active AND (id = ${ref} OR slug = ${ref.toLowerCase()}))`
    : Prisma.sql`"unitId" IN (SELECT id FROM "Unit" WHERE active)`;
  const pad = Prisma.sql`(SELECT coalesce(max("minNights"), 1) FROM "StayRule") + ${ALTERNATIVE_SHIFT_DAYS + 15}`;
  const stays = blockingStaysSql(unitFilter, { start: options.start, end: options.end, now: options.now, padDays: pad });
  // Through pg on the shared client (lib/server/db/read-pool.ts), in the caller's transaction otherwise.
  const [row] = await queryRows<Row>(
    db,
    Prisma.sql`
    SELECT ${catalogColumns(known)}, sv.total AS stays_version,
      CASE WHEN sv.total IS DISTINCT FROM ${usable?.staysVersion ?? ""} OR v.version::text IS DISTINCT FROM ${usable?.catalogVersion ?? ""}
           THEN (SELECT coalesce(json_agg(json_build_object('unitId', s."unitId", 'start', s.start, 'end', s."end",
                                                            'turnoverDays', s."turnoverDays", 'kind', s.kind, 'id', s.id,
                                                            'expiresMs', s."expiresMs")
                                          ORDER BY s.start, s.kind, s.id), '[]'::json)
                   FROM (${stays}) s)
      END AS stays
      FROM ${catalogVersionFrom}, (SELECT coalesce(sum(version), 0)::text AS total FROM "UnitStaysVersion") sv`,
  );
  if (!row) throw new Error("stay context query returned no row");
  const catalog = catalogFromRow(row, known, db);

  let entry: WindowEntry;
  if (row.stays) {
    let validUntil = Number.POSITIVE_INFINITY;
    const list: ContextStay[] = row.stays.map(({ expiresMs, ...stay }) => {
      if (expiresMs !== null && expiresMs < validUntil) validUntil = expiresMs;
      return stay;
    });
    entry = { catalogVersion: row.catalog_version, staysVersion: row.stays_version, loadedAt: nowMs, validUntil, stays: list, answers: new Map() };
    if (shared && row.catalog_version !== null) keepWindow(windowKey, entry);
  } else {
    entry = usable!;
  }

  return { catalog, entry };
}

function keepWindow(key: string, entry: WindowEntry): void {
  windows.delete(key);
  if (windows.size >= MAX_WINDOWS) {
    // Oldest first: a Map iterates in insertion order, and a window is re-inserted when reloaded.
    const oldest = windows.keys().next().value;
    if (oldest !== undefined) windows.delete(oldest);
  }
  windows.set(key, entry);
}

/** The active units (of `type`) as stays are judged, ordered by name then id; once per catalog. */
function contextUnits(catalog: Catalog, type: UnitType | undefined): ContextUnit[] {
  return memoize(catalog, `stay-context-units:${type ?? "*"}`, () =>
    [...catalog.unitsById.values()]
      .filter((u) => u.active && (!type || u.type === type))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((u) => ({
        id: u.id,
        slug: u.slug,
        name: u.name,
        type: u.type,
        capacity: u.capacity,
        petFriendly: u.petFriendly,
        turnoverDays: u.turnoverDays,
        photo: u.photos[0] ?? null,
        plan: planOf(catalog, u),
      })),
  );
}
