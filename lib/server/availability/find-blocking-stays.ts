import "server-only";
import { Prisma, type PrismaClient } from "@prisma/client";
import { fromDbDate, toDbDate, type IsoDate } from "@/lib/dates";
import type { Tx } from "@/lib/server/db/client";
import { now as clockNow } from "@/lib/clock";
import { queryRows } from "@/lib/server/db/read-pool";
import { activeUnitSql } from "@/lib/server/units/unit-ref";

export interface BlockingStay {
  start: IsoDate;
  end: IsoDate;
  kind: "booking" | "hold" | "block";
}

interface StaysWindow {
  start: IsoDate;
  end: IsoDate;
  now?: Date;
}

type StayRow = { start: Date; end: Date; kind: BlockingStay["kind"] };

/**
 * The CONFIRMED bookings and live holds (ACTIVE and not yet past expiresAt) of the unit whose id
 * `unitId` evaluates to, sharing a night with [start, end). A hold past expiresAt never blocks,
 * even before the expiry job has marked it EXPIRED; cancelled bookings never do. Blocks (owner
 * blocks and nights imported from other channels, lib/server/channels) always do.
 */
function blockingStaysSql(unitId: Prisma.Sql, window: StaysWindow): Prisma.Sql {
  const range = Prisma.sql`daterange(${toDbDate(window.start)}::date, ${toDbDate(window.end)}::date, '[)')`;
  return Prisma.sql`
    SELECT "checkIn" AS start, "checkOut" AS "end", 'booking' AS kind
      FROM "Booking"
     WHERE "unitId" = ${unitId} AND status = 'CONFIRMED'
       AND daterange("checkIn", "checkOut", '[)') && ${range}
    UNION ALL
    SELECT "checkIn", "checkOut", 'hold'
      FROM "Hold"
     WHERE "unitId" = ${unitId} AND status = 'ACTIVE' AND "expiresAt" > ${window.now ?? clockNow()}
       AND daterange("checkIn", "checkOut", '[)') && ${range}
    UNION ALL
    SELECT "startDate", "endDate", 'block'
      FROM "Block"
     WHERE "unitId" = ${unitId} AND daterange("startDate", "endDate", '[)') && ${range}`;
}

const toStay = (r: StayRow): BlockingStay => ({ start: fromDbDate(r.start), end: fromDbDate(r.end), kind: r.kind });

/** Every stay of a known unit that blocks [start, end): one query whatever the span. */
export async function findBlockingStays(
  db: PrismaClient | Tx,
  options: StaysWindow & { unitId: string },
): Promise<BlockingStay[]> {
  const rows = await queryRows<StayRow>(db, Prisma.sql`${blockingStaysSql(Prisma.sql`${options.unitId}`, options)} ORDER BY 1, 3`);
  return rows.map(toStay);
}

/**
 * The active unit named by id or slug, and its stays that block [start, end), in ONE query (the
 * availability endpoint is the hottest read; each round trip costs more than the SQL). null when
 * no active unit has that id or slug; an exact id wins over a slug equal to it.
 */
export async function findUnitAndBlockingStays(
  db: PrismaClient | Tx,
  options: StaysWindow & { unitRef: string },
): Promise<{ unitId: string; stays: BlockingStay[] } | null> {
  // Through pg on the shared client (lib/server/db/read-pool.ts): the hottest read skips Prisma's per-query cost.
  const rows = await queryRows<{ unitId: string } & { [K in keyof StayRow]: StayRow[K] | null }>(db, Prisma.sql`
    WITH unit AS (${activeUnitSql(options.unitRef, Prisma.sql`id`)})
    SELECT unit.id AS "unitId", s.start, s."end", s.kind
      FROM unit LEFT JOIN LATERAL (${blockingStaysSql(Prisma.sql`unit.id`, options)}) s ON true
     ORDER BY s.start NULLS FIRST, s.kind`);
  const first = rows[0];
  if (!first) return null;
  const stays = rows.filter((r): r is { unitId: string } & StayRow => r.start !== null).map(toStay);
  return { unitId: first.unitId, stays };
}
