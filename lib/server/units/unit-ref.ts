import "server-only";
import type { Prisma } from "@prisma/client";
import { prisma } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";

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

export function unitNotFound(): AppError {
  return new AppError("NOT_FOUND", "No unit with that id or slug is available.");
}

/** The id of the active unit `ref` names, or null: one indexed query. */
export async function findActiveUnitId(ref: string): Promise<string | null> {
  const rows = await prisma.unit.findMany({ where: activeUnitWhere(ref), take: 2, select: { id: true } });
  return rows.length ? pickUnit(rows, ref).id : null;
}
