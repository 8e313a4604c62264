import "server-only";
import { Prisma } from "@prisma/client";
import { addDays, type IsoDate } from "@/lib/dates";
import type { CustomerInput } from "@/lib/api/schemas/common";
import { blockingStaysSql } from "@/lib/server/availability/find-blocking-stays";
import { customerEmail, guestSnapshot } from "@/lib/server/customers/upsert-customer";
import { unitLockCtes } from "@/lib/server/db/lock-unit";
import { guestLiveHoldsSql, type GuestIdentity } from "@/lib/server/holds/guest-hold-limit";

// The two statements of the hold transaction (create-hold.ts), written by hand so that placing a
// hold is BEGIN, check, insert, COMMIT: four round trips on `pg` (issue #19, docs/decisions.md).

export interface PlacementCheck {
  /** The unit has ACTIVE holds past expiresAt: expire them (expireStaleHolds) and try again. */
  stale: boolean;
  /** A booking, live hold or block takes a night of the stay or of its turnover days. */
  blocked: boolean;
  /** The guest's live unpaid holds (at most the limit), and when the first of them lapses (s). */
  guestLive: number;
  guestSoonestS: number | null;
}

/**
 * Takes the unit's lock (lockUnit), then answers everything the hold must pass, in one statement:
 * whether the unit has stale ACTIVE holds (they would trip the EXCLUDE constraint), whether
 * anything blocks [checkIn, checkOut + turnoverDays) (findBlockingStays), and the guest's live
 * holds (enforceGuestHoldLimit). Under SERIALIZABLE every statement of the transaction reads the
 * snapshot of its first, so reading in the statement that takes the lock sees what reading after
 * it would.
 */
export function placementCheckSql(options: {
  unitId: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
  turnoverDays: number;
  now: Date;
  guest: GuestIdentity;
}): Prisma.Sql {
  const { unitId, now } = options;
  // Turnover days on both sides: other stays' own (in their rows) and this unit's after this stay.
  const window = { start: options.checkIn, end: addDays(options.checkOut, options.turnoverDays), now };
  const guest = guestLiveHoldsSql(options.guest, now);
  return Prisma.sql`
    WITH ${unitLockCtes(unitId)},
    locked AS MATERIALIZED (SELECT count(*) AS n FROM unit_lock)
    SELECT
      EXISTS (SELECT 1 FROM "Hold" WHERE "unitId" = ${unitId} AND status = 'ACTIVE' AND "expiresAt" <= ${now}) AS stale,
      EXISTS (SELECT 1 FROM (${blockingStaysSql(Prisma.sql`"unitId" = ${unitId}`, window)}) s) AS blocked,
      g."guestLive", g."guestSoonestS"
      FROM locked,
           LATERAL (${
             guest
               ? Prisma.sql`SELECT count(*)::int AS "guestLive", min(x."expiresInS") AS "guestSoonestS" FROM (${guest}) x`
               : Prisma.sql`SELECT 0 AS "guestLive", NULL::int AS "guestSoonestS"`
           }) g`;
}

/**
 * Inserts the hold (and, for a guest who gave their details, finds or creates the Customer by
 * email, as upsertCustomer does: an existing customer is never changed). The EXCLUDE constraint
 * is the last word on an overlap (23P01).
 */
export function insertHoldSql(options: {
  id: string;
  unitId: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
  expiresAt: Date;
  guests: number;
  pets: number;
  turnoverDays: number;
  guestKey: string | null;
  customer?: CustomerInput & { id: string };
  writtenAt: Date;
}): Prisma.Sql {
  const c = options.customer;
  const snapshot = c ? guestSnapshot(c) : { guestFirstName: null, guestLastName: null, guestPhone: null };
  const customerCte = c
    ? Prisma.sql`WITH customer AS (
        INSERT INTO "Customer" (id, "firstName", "lastName", email, phone, "createdAt", "updatedAt")
        VALUES (${c.id}, ${c.firstName}, ${c.lastName}, ${customerEmail(c)}, ${c.phone ?? null}, ${options.writtenAt}, ${options.writtenAt})
        ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email
        RETURNING id
      )`
    : Prisma.empty;
  return Prisma.sql`
    ${customerCte}
    INSERT INTO "Hold" (id, "unitId", "checkIn", "checkOut", "expiresAt", status, "customerId", guests, pets, "turnoverDays",
                        "guestKey", "guestFirstName", "guestLastName", "guestPhone", "createdAt", "updatedAt")
    VALUES (${options.id}, ${options.unitId}, ${options.checkIn}::date, ${options.checkOut}::date, ${options.expiresAt}, 'ACTIVE',
            ${c ? Prisma.sql`(SELECT id FROM customer)` : Prisma.sql`NULL`}, ${options.guests}, ${options.pets}, ${options.turnoverDays},
            ${options.guestKey}, ${snapshot.guestFirstName}, ${snapshot.guestLastName}, ${snapshot.guestPhone},
            ${options.writtenAt}, ${options.writtenAt})
    RETURNING id`;
}
