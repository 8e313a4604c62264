import "server-only";
import type { UnitType } from "@prisma/client";
import { loadCatalog, memoize, planOf } from "@/lib/server/catalog/catalog";
import { prisma } from "@/lib/server/db/client";
import { fromNightlyCents, type Db } from "@/lib/server/pricing";
import { publicUnitBase } from "@/lib/server/units/get-unit";

export interface UnitSummary {
  id: string;
  slug: string;
  name: string;
  type: UnitType;
  capacity: number;
  beds: number | null;
  baths: number | null;
  /** The first photo, or null when the unit has none. */
  photo: string | null;
  /** Lowest price per night, in cents; null when the unit has no rate plan. */
  fromNightlyCents: number | null;
  currency: string | null;
}

// Cottages first (the property's main offer), then trailers, then RV sites.
const TYPE_ORDER: Record<UnitType, number> = { COTTAGE_1BR: 0, COTTAGE_2BR: 1, TRAILER: 2, RV_SITE: 3 };

/**
 * Active units with their "from" price, from the in-process catalog: one statement (a version
 * check unless the owner changed something), and the list itself is computed once per version.
 * Callers get a fresh array and must not modify the units (they are shared).
 */
export async function listUnits(db: Db = prisma): Promise<UnitSummary[]> {
  const catalog = await loadCatalog(db);
  const units = memoize(catalog, "listUnits", () =>
    [...catalog.unitsById.values()]
      .filter((unit) => unit.active)
      .map((unit): UnitSummary => {
        const plan = planOf(catalog, unit);
        return {
          ...publicUnitBase(unit),
          photo: unit.photos[0] ?? null,
          fromNightlyCents: fromNightlyCents(plan),
          currency: plan?.currency ?? null,
        };
      })
      .sort(
        (a, b) =>
          TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.name.localeCompare(b.name, "en", { numeric: true, sensitivity: "base" }),
      ),
  );
  return [...units];
}
