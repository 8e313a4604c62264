import "server-only";
import { addDays, fromDbDate, toDbDate, type IsoDate } from "@/lib/dates";
import { now as clockNow } from "@/lib/clock";
import { prisma } from "@/lib/server/db/client";

export const BOARD_MAX_DAYS = 120;

export type BoardItem =
  | { kind: "booking"; id: string; start: IsoDate; end: IsoDate; label: string; guests: number | null; code: string | null }
  | { kind: "hold"; id: string; start: IsoDate; end: IsoDate; label: string; expiresAt: string }
  | { kind: "block"; id: string; start: IsoDate; end: IsoDate; label: string; imported: boolean };

export interface BoardRow {
  unitId: string;
  unitName: string;
  items: BoardItem[];
}

export interface Board {
  from: IsoDate;
  days: number;
  rows: BoardRow[];
}

/**
 * The calendar board: each active unit with what occupies its nights in [from, from + days):
 * confirmed bookings, live holds, owner blocks and nights imported from other channels. Four
 * indexed queries whatever the number of units.
 */
export async function getBoard(options: { from: IsoDate; days: number; now?: Date }): Promise<Board> {
  const days = Math.min(Math.max(Math.trunc(options.days), 1), BOARD_MAX_DAYS);
  const start = toDbDate(options.from);
  const end = toDbDate(addDays(options.from, days));
  const now = options.now ?? clockNow();
  const overlaps = { checkIn: { lt: end }, checkOut: { gt: start } };

  const [units, bookings, holds, blocks] = await Promise.all([
    prisma.unit.findMany({ where: { active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.booking.findMany({
      where: { status: "CONFIRMED", ...overlaps },
      select: { id: true, unitId: true, checkIn: true, checkOut: true, customer: { select: { firstName: true, lastName: true } } },
      orderBy: { checkIn: "asc" },
    }),
    prisma.hold.findMany({
      where: { status: "ACTIVE", expiresAt: { gt: now }, ...overlaps },
      select: { id: true, unitId: true, checkIn: true, checkOut: true, expiresAt: true },
      orderBy: { checkIn: "asc" },
    }),
    prisma.block.findMany({
      where: { startDate: { lt: end }, endDate: { gt: start } },
      select: { id: true, unitId: true, startDate: true, endDate: true, kind: true, reason: true, feed: { select: { channel: true } } },
      orderBy: { startDate: "asc" },
    }),
  ]);

  const rows = new Map<string, BoardRow>(units.map((u) => [u.id, { unitId: u.id, unitName: u.name, items: [] }]));
  for (const b of bookings) {
    rows.get(b.unitId)?.items.push({
      kind: "booking",
      id: b.id,
      start: fromDbDate(b.checkIn),
      end: fromDbDate(b.checkOut),
      label: `${b.customer.firstName} ${b.customer.lastName}`,
      guests: null,
      code: null,
    });
  }
  for (const h of holds) {
    rows.get(h.unitId)?.items.push({ kind: "hold", id: h.id, start: fromDbDate(h.checkIn), end: fromDbDate(h.checkOut), label: "Hold", expiresAt: h.expiresAt.toISOString() });
  }
  for (const b of blocks) {
    const label = b.kind === "OWNER" ? `Blocked${b.reason ? `: ${b.reason}` : ""}` : `${b.feed?.channel ?? "Other channel"}`;
    rows.get(b.unitId)?.items.push({ kind: "block", id: b.id, start: fromDbDate(b.startDate), end: fromDbDate(b.endDate), label, imported: b.kind !== "OWNER" });
  }
  return { from: options.from, days, rows: [...rows.values()] };
}
