import "server-only";
import { Prisma, type PrismaClient } from "@prisma/client";
import { fromDbDate, toDbDate, type IsoDate } from "@/lib/dates";
import type { Tx } from "@/lib/server/db";

export interface BlockingStay {
  start: IsoDate;
  end: IsoDate;
  kind: "booking" | "hold";
}

/**
 * Every CONFIRMED booking and every live hold (ACTIVE and not yet past expiresAt) of a unit that
 * shares a night with [start, end). One query whatever the span or the number of stays. A hold
 * past expiresAt never blocks, even before the expiry job has marked it EXPIRED.
 */
export async function findBlockingStays(
  db: PrismaClient | Tx,
  options: { unitId: string; start: IsoDate; end: IsoDate; now?: Date },
): Promise<BlockingStay[]> {
  const start = toDbDate(options.start);
  const end = toDbDate(options.end);
  const now = options.now ?? new Date();
  const rows = await db.$queryRaw<Array<{ start: Date; end: Date; kind: "booking" | "hold" }>>(Prisma.sql`
    SELECT "checkIn" AS start, "checkOut" AS "end", 'booking' AS kind
      FROM "Booking"
     WHERE "unitId" = ${options.unitId} AND status = 'CONFIRMED'
       AND daterange("checkIn", "checkOut", '[)') && daterange(${start}::date, ${end}::date, '[)')
    UNION ALL
    SELECT "checkIn", "checkOut", 'hold'
      FROM "Hold"
     WHERE "unitId" = ${options.unitId} AND status = 'ACTIVE' AND "expiresAt" > ${now}
       AND daterange("checkIn", "checkOut", '[)') && daterange(${start}::date, ${end}::date, '[)')
    ORDER BY 1, 3`);
  return rows.map((r) => ({ start: fromDbDate(r.start), end: fromDbDate(r.end), kind: r.kind }));
}
