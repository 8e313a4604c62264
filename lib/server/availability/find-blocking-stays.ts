import "server-only";
import { Prisma, type PrismaClient } from "@prisma/client";
import { addDays, fromDbDate, toDbDate, type IsoDate } from "@/lib/dates";
import { now as clockNow } from "@/lib/clock";
import type { Tx } from "@/lib/server/db/client";
import { queryRows } from "@/lib/server/db/read-pool";

// THE answer to "what blocks these nights", in one place: every lookup (availability, quote and
// rules, holds, checkout, the webhook, search, alternatives) goes through blockingStaysSql.

export interface BlockingStay {
  start: IsoDate;
  /** The stay's check-out day. */
  end: IsoDate;
  /** Days after `end` the unit stays closed for turnover (the stay blocks [start, end + turnoverDays)). */
  turnoverDays: number;
  kind: "booking" | "hold" | "block";
  /** The Booking's, Hold's or Block's id, so a refusal can name what is in the way. */
  id: string;
}

interface StaysWindow {
  start: IsoDate;
  end: IsoDate;
  now?: Date;
  /** SQL for a number of days to widen the window by on both sides (default none). */
  padDays?: Prisma.Sql;
}

type StayRow = { unitId: string; start: Date; end: Date; turnoverDays: number; kind: BlockingStay["kind"]; id: string };

/**
 * The CONFIRMED bookings and live holds (ACTIVE and not yet past expiresAt) of the units matched by
 * `unitFilter` (a condition on "unitId") that take a night of [start, end): a stay takes its nights
 * and its turnover days after check-out. A hold past expiresAt never blocks, even before the
 * expiry job has marked it EXPIRED; cancelled bookings never do. Blocks (owner blocks and nights
 * imported from other channels, lib/server/channels) always do, with no turnover of their own.
 * Columns: unitId, start, end, turnoverDays, kind, id, expiresMs (a hold's expiresAt in epoch
 * milliseconds, when it stops blocking; null for bookings and blocks).
 */
export function blockingStaysSql(unitFilter: Prisma.Sql, window: StaysWindow): Prisma.Sql {
  const pad = window.padDays ?? Prisma.sql`0`;
  const range = Prisma.sql`daterange(${toDbDate(window.start)}::date - (${pad})::int, ${toDbDate(window.end)}::date + (${pad})::int, '[)')`;
  return Prisma.sql`
    SELECT "unitId", "checkIn" AS start, "checkOut" AS "end", "turnoverDays", 'booking' AS kind, id, NULL::bigint AS "expiresMs"
      FROM "Booking"
     WHERE ${unitFilter} AND status = 'CONFIRMED'
       AND daterange("checkIn", "checkOut" + "turnoverDays", '[)') && ${range}
    UNION ALL
    SELECT "unitId", "checkIn", "checkOut", "turnoverDays", 'hold', id, (extract(epoch FROM "expiresAt") * 1000)::bigint
      FROM "Hold"
     WHERE ${unitFilter} AND status = 'ACTIVE' AND "expiresAt" > ${window.now ?? clockNow()}
       AND daterange("checkIn", "checkOut" + "turnoverDays", '[)') && ${range}
    UNION ALL
    SELECT "unitId", "startDate", "endDate", 0, 'block', id, NULL::bigint
      FROM "Block"
     WHERE ${unitFilter} AND daterange("startDate", "endDate", '[)') && ${range}`;
}

const toBlockingStay = (r: StayRow): BlockingStay => ({
  start: fromDbDate(r.start),
  end: fromDbDate(r.end),
  turnoverDays: r.turnoverDays,
  kind: r.kind,
  id: r.id,
});

/**
 * Every stay of a known unit that blocks the stay [start, end) followed by `turnoverDays` days
 * (the new stay's own turnover, so the next guest's check-in cannot fall on it): one query.
 */
export async function findBlockingStays(
  db: PrismaClient | Tx,
  options: StaysWindow & { unitId: string; turnoverDays?: number },
): Promise<BlockingStay[]> {
  const window = { ...options, end: addDays(options.end, options.turnoverDays ?? 0) };
  // Through pg on the shared client (lib/server/db/read-pool.ts), in the caller's transaction otherwise.
  const rows = await queryRows<StayRow>(
    db,
    Prisma.sql`${blockingStaysSql(Prisma.sql`"unitId" = ${options.unitId}`, window)} ORDER BY 2, 5`,
  );
  return rows.map(toBlockingStay);
}
