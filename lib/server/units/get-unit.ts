import "server-only";
import type { UnitType } from "@prisma/client";
import { prisma } from "@/lib/server/db/client";
import { fromNightlyCents, type Db } from "@/lib/server/pricing";
import { activeUnitWhere, effectivePlan, loadCategoryPlans, pickUnit, planSelect, unitBaseSelect } from "./unit-ref";

export interface UnitDetail {
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
  /** The public rates of the unit's effective plan (its own, else its category's); null if none. */
  rates: { nightly: number | null; weekly: number | null; monthly: number | null; fourMonth: number | null; currency: string } | null;
  fromNightlyCents: number | null;
}

/** One active unit by id or slug; NOT_FOUND when unknown or inactive. Two queries. */
export async function getUnit(options: { unitRef: string }, db: Db = prisma): Promise<UnitDetail> {
  const [units, categoryPlans] = await Promise.all([
    db.unit.findMany({
      where: activeUnitWhere(options.unitRef),
      take: 2,
      // Everything a guest may see; timestamps and plan ids stay internal.
      select: {
        ...unitBaseSelect,
        description: true,
        amenities: true,
        features: true,
        photos: true,
        active: true,
        ratePlans: { select: planSelect },
      },
    }),
    loadCategoryPlans(db),
  ]);
  const { ratePlans, ...unit } = pickUnit(units, options.unitRef);
  const plan = effectivePlan({ type: unit.type, ratePlans }, categoryPlans);
  return {
    ...unit,
    rates: plan
      ? { nightly: plan.nightly, weekly: plan.weekly, monthly: plan.monthly, fourMonth: plan.fourMonth, currency: plan.currency }
      : null,
    fromNightlyCents: fromNightlyCents(plan),
  };
}
