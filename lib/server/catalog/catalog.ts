import "server-only";
import { Prisma, type UnitType } from "@prisma/client";
import type { FeeData, RatePlanData, SeasonData, TaxData } from "@/lib/pricing/price-stay";
import type { StayRuleData } from "@/lib/rules/stay-rules";
import { prisma, type Db } from "@/lib/server/db/client";
import { queryRows } from "@/lib/server/db/read-pool";
import { sharedVersions } from "./data-versions";

// The rarely changing tables pricing and the unit pages read (units, rate plans, seasons, fees,
// taxes, stay rules, cancellation policies), cached in memory per process. A trigger bumps CatalogVersion in the
// same transaction as any change to them (migration 20261129110000_catalog_version); every
// request reads that version in its one statement, and the same statement returns the whole
// catalog only when the version differs from the cached one. So a change the owner commits is
// used by the very next request, in every server process sharing the database, and an unchanged
// catalog costs one primary-key lookup (shared by the requests in flight: data-versions.ts).
// Blocking stays are never part of it.

export interface CatalogUnit {
  id: string;
  slug: string;
  name: string;
  type: UnitType;
  capacity: number;
  beds: number | null;
  baths: number | null;
  description: string | null;
  amenities: string[];
  features: string[];
  photos: string[];
  active: boolean;
  petFriendly: boolean;
  turnoverDays: number;
}

interface PolicyRow {
  unitId: string | null;
  category: UnitType | null;
  policy: unknown;
}

interface CatalogJson {
  units: CatalogUnit[];
  plans: Array<RatePlanData & { unitId: string | null; category: UnitType | null }>;
  seasons: SeasonData[];
  fees: FeeData[];
  taxes: TaxData[];
  rules: StayRuleData[];
  policies: PolicyRow[];
}

export interface Catalog {
  /** CatalogVersion.version as text; null when the row is missing (then nothing is cached). */
  version: string | null;
  /** Every unit, active or not, by id. */
  unitsById: Map<string, CatalogUnit>;
  unitsBySlug: Map<string, CatalogUnit>;
  unitPlans: Map<string, RatePlanData>;
  categoryPlans: Map<UnitType, RatePlanData>;
  /** Ordered as priceStay expects: startDate, then name. */
  seasons: SeasonData[];
  /** Ordered by createdAt, then name, so line items are stable. */
  fees: FeeData[];
  /** Ordered by createdAt, then code: one quote line each, in a stable order. */
  taxes: TaxData[];
  /** Ordered by createdAt, then name. */
  rules: StayRuleData[];
  unitPolicies: Map<string, unknown>;
  categoryPolicies: Map<UnitType, unknown>;
  defaultPolicy: unknown;
  /** Values derived from this catalog (e.g. the unit list), computed once per version. */
  memo: Map<string, unknown>;
}

/** The whole catalog as one json value; dates as "YYYY-MM-DD", orders fixed in SQL. */
const CATALOG_JSON = Prisma.sql`json_build_object(
  'units', (SELECT coalesce(json_agg(json_build_object(
              'id', id, 'slug', slug, 'name', name, 'type', type, 'capacity', capacity, 'beds', beds,
              'baths', baths, 'description', description, 'amenities', amenities, 'features', features,
              'photos', photos, 'active', active, 'petFriendly', "petFriendly", 'turnoverDays', "turnoverDays")), '[]'::json) FROM "Unit"),
  'plans', (SELECT coalesce(json_agg(json_build_object(
              'unitId', "unitId", 'category', category, 'nightly', nightly, 'weekly', weekly,
              'monthly', monthly, 'fourMonth', "fourMonth", 'currency', currency)), '[]'::json) FROM "RatePlan"),
  'seasons', (SELECT coalesce(json_agg(json_build_object('name', name, 'startDate', "startDate", 'endDate', "endDate",
                                                         'discountPct', "discountPct", 'recursAnnually', "recursAnnually")
                                       ORDER BY "startDate", name), '[]'::json) FROM "Season"),
  'fees', (SELECT coalesce(json_agg(json_build_object('name', name, 'amount', amount, 'perStay', "perStay", 'appliesTo', "appliesTo")
                                    ORDER BY "createdAt", name), '[]'::json) FROM "Fee"),
  'taxes', (SELECT coalesce(json_agg(json_build_object('name', name, 'rateBps', "rateBps", 'appliesToNightly', "appliesToNightly",
                                                       'appliesToFees', "appliesToFees", 'maxStayNights', "maxStayNights",
                                                       'effectiveFrom', "effectiveFrom", 'effectiveTo', "effectiveTo")
                                     ORDER BY "createdAt", code), '[]'::json) FROM "Tax"),
  'rules', (SELECT coalesce(json_agg(json_build_object('unitId', "unitId", 'category', category, 'startDate', "startDate",
                                                       'endDate', "endDate", 'recursAnnually', "recursAnnually",
                                                       'minNights', "minNights", 'maxNights', "maxNights",
                                                       'checkInWeekdays', "checkInWeekdays",
                                                       'bookingHorizonMonths', "bookingHorizonMonths",
                                                       'sameDayCutoffHour', "sameDayCutoffHour")
                                     ORDER BY "createdAt", name), '[]'::json) FROM "StayRule"),
  'policies', (SELECT coalesce(json_agg(json_build_object(
              'unitId', "unitId", 'category', category,
              'policy', json_build_object('name', name, 'tiers', tiers, 'refundFeesBeforeArrival', "refundFeesBeforeArrival",
                                          'graceHours', "graceHours", 'graceMinDaysBefore', "graceMinDaysBefore"))), '[]'::json)
                 FROM "CancellationPolicy"))`;

// One per process, on globalThis: Next.js evaluates this module once per route bundle, and every
// route should share the catalog (one reload per change, one copy in memory).
const store = ((globalThis as unknown as { __palmCatalog?: { current: Catalog | null } }).__palmCatalog ??= { current: null });

/**
 * The catalog columns for a statement that also reads something else: `catalog_version` and
 * `catalog` (null when `known` is current). Pass the result row to catalogFromRow.
 */
export function catalogColumns(known: Catalog | null): Prisma.Sql {
  // '' never equals a version, so a missing cache (or a missing row) always loads.
  const knownVersion = known?.version ?? "";
  return Prisma.sql`v.version::text AS catalog_version,
    CASE WHEN v.version IS NULL OR v.version::text <> ${knownVersion} THEN ${CATALOG_JSON} END AS catalog`;
}

/** The FROM item catalogColumns reads. */
export const catalogVersionFrom = Prisma.sql`(SELECT (SELECT version FROM "CatalogVersion" WHERE id = 1) AS version) v`;

export interface CatalogRow {
  catalog_version: string | null;
  catalog: CatalogJson | null;
}

/**
 * The catalog a row of catalogColumns describes: `known` when unchanged, else the new one.
 * Only a catalog read outside a transaction (`db` is the shared client) is kept: one read inside
 * a transaction may include that transaction's own uncommitted edits, whose version number a
 * rollback would hand to a different later change.
 */
export function catalogFromRow(row: CatalogRow, known: Catalog | null, db: Db): Catalog {
  if (!row.catalog && known && known.version === row.catalog_version) return known;
  if (!row.catalog) throw new Error("catalog statement returned neither a current version nor the catalog");
  const next = buildCatalog(row.catalog_version, row.catalog);
  if (next.version !== null && db === prisma) store.current = next;
  return next;
}

/**
 * The current catalog in one statement (a version check unless it changed), or none when
 * requests in flight share a version check that finds the kept catalog current.
 */
export async function loadCatalog(db: Db = prisma): Promise<Catalog> {
  const known = store.current;
  if (known && db === prisma) {
    const versions = await sharedVersions();
    if (versions && versions.catalog === known.version) return known;
  }
  const [row] = await queryRows<CatalogRow>(db, Prisma.sql`SELECT ${catalogColumns(known)} FROM ${catalogVersionFrom}`);
  return catalogFromRow(row!, known, db);
}

/** What the cache holds right now (for statements that add their own columns). */
export function cachedCatalog(): Catalog | null {
  return store.current;
}

function buildCatalog(version: string | null, json: CatalogJson): Catalog {
  const catalog: Catalog = {
    version,
    unitsById: new Map(),
    unitsBySlug: new Map(),
    unitPlans: new Map(),
    categoryPlans: new Map(),
    seasons: json.seasons,
    fees: json.fees,
    taxes: json.taxes,
    rules: json.rules,
    unitPolicies: new Map(),
    categoryPolicies: new Map(),
    defaultPolicy: null,
    memo: new Map(),
  };
  for (const unit of json.units) {
    catalog.unitsById.set(unit.id, unit);
    catalog.unitsBySlug.set(unit.slug, unit);
  }
  for (const { unitId, category, ...plan } of json.plans) {
    if (unitId) catalog.unitPlans.set(unitId, plan);
    else if (category) catalog.categoryPlans.set(category, plan);
  }
  for (const { unitId, category, policy } of json.policies) {
    if (unitId) catalog.unitPolicies.set(unitId, policy);
    else if (category) catalog.categoryPolicies.set(category, policy);
    else catalog.defaultPolicy = policy;
  }
  return catalog;
}

/**
 * The active unit `ref` names (its id, or its slug in any case), or null. An exact id wins over
 * a slug equal to it, as in the SQL lookups.
 */
export function findActiveUnit(catalog: Catalog, ref: string): CatalogUnit | null {
  const byId = catalog.unitsById.get(ref);
  if (byId?.active) return byId;
  const bySlug = catalog.unitsBySlug.get(ref.toLowerCase());
  return bySlug?.active ? bySlug : null;
}

/** The unit's own plan, else its category's, else null. */
export function planOf(catalog: Catalog, unit: Pick<CatalogUnit, "id" | "type">): RatePlanData | null {
  return catalog.unitPlans.get(unit.id) ?? catalog.categoryPlans.get(unit.type) ?? null;
}

/** The unit's cancellation policy row: its own, else its category's, else the default, else null. */
export function policyOf(catalog: Catalog, unit: Pick<CatalogUnit, "id" | "type">): unknown {
  return catalog.unitPolicies.get(unit.id) ?? catalog.categoryPolicies.get(unit.type) ?? catalog.defaultPolicy ?? null;
}

/** A value derived from this catalog only, computed once per catalog version. */
export function memoize<T>(catalog: Catalog, key: string, compute: () => T): T {
  if (catalog.memo.has(key)) return catalog.memo.get(key) as T;
  const value = compute();
  catalog.memo.set(key, value);
  return value;
}
