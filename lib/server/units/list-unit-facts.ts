import "server-only";
import { prisma, type Db } from "@/lib/server/db/client";

export interface UnitFacts {
  slug: string;
  description: string | null;
  amenities: string[];
  features: string[];
}

/** The descriptive facts of every active unit (what list-units leaves out), keyed by slug. */
export async function listUnitFacts(db: Db = prisma): Promise<Map<string, UnitFacts>> {
  const rows = await db.unit.findMany({
    where: { active: true },
    select: { slug: true, description: true, amenities: true, features: true },
  });
  return new Map(rows.map((r) => [r.slug, r]));
}
