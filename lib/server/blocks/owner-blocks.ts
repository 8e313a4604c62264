import "server-only";
import { Prisma } from "@prisma/client";
import { daysBetween, fromDbDate, toDbDate, type IsoDate } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { isOverlapError } from "@/lib/server/db/errors";
import { lockUnit } from "@/lib/server/db/lock-unit";
import { withUnitGate } from "@/lib/server/db/unit-gate";
import { withSerializableRetry } from "@/lib/server/db/with-serializable-retry";
import { AppError } from "@/lib/server/errors";
import { resolveUnit } from "@/lib/server/channels/manage-feeds";
import { now as clockNow } from "@/lib/clock";

// The owner closing nights (maintenance, an owner stay) and opening them again. Owner-only: for
// the owner console. Unlike an imported block, an owner block is refused over a guest's stay:
// the owner can still choose to cancel the booking first.

export interface OwnerBlock {
  id: string;
  unitId: string;
  start: IsoDate;
  end: IsoDate;
  reason: string | null;
}

export async function createOwnerBlock(options: { unit: string; start: IsoDate; end: IsoDate; reason?: string; now?: Date }): Promise<OwnerBlock> {
  if (daysBetween(options.start, options.end) < 1) {
    throw new AppError("VALIDATION_FAILED", "The request is not valid; see issues.", {
      issues: [{ path: "end", message: "end must be after start." }],
    });
  }
  const unit = await resolveUnit(prisma, options.unit);
  const reason = options.reason?.trim().slice(0, 200) || null;
  try {
    return await withUnitGate(unit.id, () => withSerializableRetry(async (tx) => {
      await lockUnit(tx, unit.id);
      const now = options.now ?? clockNow();
      const range = Prisma.sql`daterange(${toDbDate(options.start)}::date, ${toDbDate(options.end)}::date, '[)')`;
      const stays = await tx.$queryRaw<Array<{ kind: "booking" | "hold"; id: string; start: Date; end: Date }>>(Prisma.sql`
        SELECT 'booking' AS kind, id, "checkIn" AS start, "checkOut" AS "end" FROM "Booking"
         WHERE "unitId" = ${unit.id} AND status = 'CONFIRMED' AND daterange("checkIn", "checkOut", '[)') && ${range}
        UNION ALL
        SELECT 'hold', id, "checkIn", "checkOut" FROM "Hold"
         WHERE "unitId" = ${unit.id} AND status = 'ACTIVE' AND "expiresAt" > ${now} AND daterange("checkIn", "checkOut", '[)') && ${range}
         ORDER BY 3`);
      const first = stays[0];
      if (first) {
        const what = first.kind === "booking" ? `booking ${first.id}` : `a guest's hold (${first.id}) that is being paid for`;
        throw new AppError("UNAVAILABLE", `These nights overlap ${what} from ${fromDbDate(first.start)} to ${fromDbDate(first.end)}; cancel it first.`, {
          details: { stays: stays.map((s) => ({ kind: s.kind, id: s.id, start: fromDbDate(s.start), end: fromDbDate(s.end) })) },
        });
      }
      const block = await tx.block.create({
        data: { unitId: unit.id, kind: "OWNER", startDate: toDbDate(options.start), endDate: toDbDate(options.end), reason },
        select: { id: true },
      });
      return { id: block.id, unitId: unit.id, start: options.start, end: options.end, reason };
    }));
  } catch (error) {
    if (isOverlapError(error)) throw new AppError("CONFLICT", "These nights overlap another owner block of this unit.");
    throw error;
  }
}

/** Opens the nights of an owner block again. Imported blocks are removed only by their feed. */
export async function removeOwnerBlock(blockId: string): Promise<void> {
  const deleted = await prisma.block.deleteMany({ where: { id: blockId, kind: "OWNER" } });
  if (deleted.count === 0) throw new AppError("NOT_FOUND", "No owner block has this id.");
}
