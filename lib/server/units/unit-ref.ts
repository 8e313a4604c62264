import "server-only";
import { Prisma, type UnitType } from "@prisma/client";
import type { RatePlanData } from "@/lib/pricing/price-stay";
import { prisma, type Db } from "@/lib/server/db/client";
import { unknownUnit } from "@/lib/server/errors";
import { cachedCatalog, findActiveUnit, loadCatalog } from "@/lib/server/catalog/catalog";

// The one answer to "which active unit does this id or slug name" and "which rate plan prices
// this unit", each in TypeScript (Prisma where/select and a pure function) and as the SQL
// fragment the one-statement hot reads (availability, quote) embed. Keep the two forms in step.
//
// Public endpoints accept a unit's id or its slug ("essex"). Both are matched in the same single
// query; inactive units are treated as unknown so a retired unit cannot be quoted or booked.

/** The columns every unit answer starts with (the `unitBase` schema of GET /units and /units/{id}). */
export const unitBaseSelect = {
  id: true,
  slug: true,
  name: true,
  type: true,
  capacity: true,
  beds: true,
  baths: true,
} as const satisfies Prisma.UnitSelect;

/** The where clause of an active unit whose id is `ref` or whose slug is `ref` (case-insensitive). */
export function activeUnitWhere(ref: string): Prisma.UnitWhereInput {
  // Slugs are stored lower-case; lower-casing the ref lets the chatbot say "Essex". Ids are
  // compared exactly, so they still use the primary key.
  return { active: true, OR: [{ id: ref }, { slug: ref.toLowerCase() }] };
}

/**
 * The unit `ref` names among the rows activeUnitWhere found (fetch with take: 2). An exact id
 * match wins over a slug that happens to equal it, so an id always means that unit.
 */
export function pickUnit<T extends { id: string }>(rows: T[], ref: string): T {
  const unit = rows.find((row) => row.id === ref) ?? rows[0];
  if (!unit) throw unitNotFound();
  return unit;
}

/** @deprecated Use unknownUnit() from lib/server/errors (kept for callers on other branches). */
export const unitNotFound = unknownUnit;

/**
 * SQL: at most one row, the active unit `ref` names, with `columns` (e.g. Prisma.sql`id, type`),
 * for a CTE of a one-statement read. Same rules as activeUnitWhere + pickUnit: slug compared
 * lower-cased, and an exact id wins over a slug equal to it.
 */
export function activeUnitSql(ref: string, columns: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT ${columns} FROM "Unit"
       WHERE active AND (id = ${ref} OR slug = ${ref.toLowerCase()})
       ORDER BY (id = ${ref}) DESC
       LIMIT 1`;
}

// --- the effective rate plan: the unit's own, else its category's, else none ------------------

/** The columns of a RatePlan that pricing reads; never the ids, which stay internal. */
export const planSelect = {
  nightly: true,
  weekly: true,
  monthly: true,
  fourMonth: true,
  currency: true,
} as const;

/**
 * Every category-wide plan, keyed by UnitType. There are at most four (category is unique), so
 * loading all of them costs one small query and never depends on how many units are involved.
 */
export async function loadCategoryPlans(db: Db = prisma): Promise<Map<UnitType, RatePlanData>> {
  const rows = await db.ratePlan.findMany({
    where: { category: { not: null } },
    select: { category: true, ...planSelect },
  });
  const plans = new Map<UnitType, RatePlanData>();
  for (const { category, ...plan } of rows) if (category) plans.set(category, plan);
  return plans;
}

/** The unit's own plan, else its category's plan, else null (the unit cannot be priced). */
export function effectivePlan(
  unit: { type: UnitType; ratePlans: RatePlanData[] },
  categoryPlans: Map<UnitType, RatePlanData>,
): RatePlanData | null {
  return unit.ratePlans[0] ?? categoryPlans.get(unit.type) ?? null;
}

/**
 * SQL: the effective plan row (columns of planSelect) of the unit whose id and type columns are
 * `unit`.id and `unit`.type (a CTE or table alias), for a LATERAL join or a scalar subquery.
 */
export function effectivePlanSql(unit: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT p.nightly, p.weekly, p.monthly, p."fourMonth", p.currency
         FROM "RatePlan" p
        WHERE p."unitId" = ${unit}.id OR p.category = ${unit}.type
        ORDER BY (p."unitId" IS NOT NULL) DESC
        LIMIT 1`;
}

/**
 * The key a rate limit counts a unit under: the active unit's id, so its id and its slug share one
 * budget; the lower-cased ref when it names no active unit. Read from the in-process catalog as
 * last loaded (no statement on the hold path; one when the process has none yet). It is a key,
 * not a decision: the hold itself resolves the unit against the current catalog.
 */
export async function unitRateLimitKey(ref: string): Promise<string> {
  const catalog = cachedCatalog() ?? (await loadCatalog());
  return findActiveUnit(catalog, ref)?.id ?? ref.toLowerCase();
}
