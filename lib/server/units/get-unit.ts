import "server-only";
import { findActiveUnit, loadCatalog, memoize, planOf, type CatalogUnit } from "@/lib/server/catalog/catalog";
import { prisma } from "@/lib/server/db/client";
import { fromNightlyCents, type Db } from "@/lib/server/pricing";
import { unknownUnit } from "@/lib/server/errors";

/** A unit as the public API shows it: the catalog's unit without internals, with its public rates. */
export type UnitDetail = Omit<CatalogUnit, "turnoverDays"> & {
  /** The public rates of the unit's effective plan (its own, else its category's); null if none. */
  rates: { nightly: number | null; weekly: number | null; monthly: number | null; fourMonth: number | null; currency: string } | null;
  fromNightlyCents: number | null;
};

/**
 * One active unit by id or slug; NOT_FOUND when unknown or inactive. One statement (the catalog);
 * the answer is built once per catalog version and shared, so callers must not modify it.
 */
export async function getUnit(options: { unitRef: string }, db: Db = prisma): Promise<UnitDetail> {
  const catalog = await loadCatalog(db);
  const unit = findActiveUnit(catalog, options.unitRef);
  if (!unit) throw unknownUnit();
  return memoize(catalog, `getUnit:${unit.id}`, (): UnitDetail => {
    const plan = planOf(catalog, unit);
    // Everything a guest may see; timestamps and plan ids stay internal.
    return {
      ...publicUnitBase(unit),
      description: unit.description,
      amenities: [...unit.amenities],
      features: [...unit.features],
      photos: [...unit.photos],
      active: unit.active,
      petFriendly: unit.petFriendly,
      rates: plan
        ? { nightly: plan.nightly, weekly: plan.weekly, monthly: plan.monthly, fourMonth: plan.fourMonth, currency: plan.currency }
        : null,
      fromNightlyCents: fromNightlyCents(plan),
    };
  });
}

/** The fields every public unit answer starts with (the `unitBase` schema: list and detail). */
export function publicUnitBase(unit: CatalogUnit): Pick<CatalogUnit, "id" | "slug" | "name" | "type" | "capacity" | "beds" | "baths"> {
  return { id: unit.id, slug: unit.slug, name: unit.name, type: unit.type, capacity: unit.capacity, beds: unit.beds, baths: unit.baths };
}
