import "server-only";
import type { UnitType } from "@prisma/client";
import { prisma } from "@/lib/server/db/client";
import { fromNightlyCents, type Db } from "@/lib/server/pricing";
import { effectivePlan, loadCategoryPlans, planSelect, unitBaseSelect } from "@/lib/server/units/unit-ref";

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

/** Active units with their "from" price. Two queries, whatever the number of units. */
export async function listUnits(db: Db = prisma): Promise<UnitSummary[]> {
  const [units, categoryPlans] = await Promise.all([
    db.unit.findMany({
      where: { active: true },
      select: {
        ...unitBaseSelect,
        photos: true,
        ratePlans: { select: planSelect },
      },
    }),
    loadCategoryPlans(db),
  ]);
  return units
    .map(({ photos, ratePlans, ...unit }) => {
      const plan = effectivePlan({ type: unit.type, ratePlans }, categoryPlans);
      return { ...unit, photo: photos[0] ?? null, fromNightlyCents: fromNightlyCents(plan), currency: plan?.currency ?? null };
    })
    .sort(
      (a, b) =>
        TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.name.localeCompare(b.name, "en", { numeric: true, sensitivity: "base" }),
    );
}
