import "server-only";
import type { AdminUser } from "@/lib/server/auth/session";
import { createOwnerBlock, removeOwnerBlock, type OwnerBlock } from "@/lib/server/blocks/owner-blocks";
import { fromDbDate, toDbDate, todayIn } from "@/lib/dates";
import { env } from "@/lib/env";
import { now as clockNow } from "@/lib/clock";
import { prisma } from "@/lib/server/db/client";
import { recordAudit } from "./record-audit";

// Owner blocks from the console: the channel-sync engineer's service takes the nights exactly as
// a booking does (unit lock, refused over a booking or live hold); the console adds the audit row.

export async function blockNights(options: { unitId: string; start: string; end: string; reason?: string; admin: AdminUser; now?: Date }): Promise<OwnerBlock> {
  const block = await createOwnerBlock({ unit: options.unitId, start: options.start, end: options.end, reason: options.reason, now: options.now });
  await recordAudit(prisma, options.admin, { action: "Nights blocked", entityType: "Block", entityId: block.id, after: { unitId: block.unitId, start: block.start, end: block.end, reason: block.reason } });
  return block;
}

export async function unblockNights(options: { blockId: string; admin: AdminUser }): Promise<void> {
  const before = await prisma.block.findFirst({ where: { id: options.blockId, kind: "OWNER" } });
  await removeOwnerBlock(options.blockId);
  await recordAudit(prisma, options.admin, {
    action: "Nights opened again",
    entityType: "Block",
    entityId: options.blockId,
    before: before ? { unitId: before.unitId, start: fromDbDate(before.startDate), end: fromDbDate(before.endDate), reason: before.reason } : null,
  });
}

/** Owner blocks that have not ended yet, soonest first. */
export async function listUpcomingOwnerBlocks(options: { now?: Date } = {}) {
  const today = todayIn(env.PROPERTY_TIMEZONE, options.now ?? clockNow());
  const rows = await prisma.block.findMany({
    where: { kind: "OWNER", endDate: { gt: toDbDate(today) } },
    include: { unit: { select: { name: true } } },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
  });
  return rows.map((b) => ({ id: b.id, unitName: b.unit.name, start: fromDbDate(b.startDate), end: fromDbDate(b.endDate), reason: b.reason }));
}
