import "server-only";
import { now as clockNow } from "@/lib/clock";
import { fromDbDate, type IsoDate } from "@/lib/dates";
import { env } from "@/lib/env";
import { prisma, type Db } from "@/lib/server/db/client";
import { AppError, holdAlreadyPaid, holdExpired } from "@/lib/server/errors";

export interface PaymentLink {
  holdId: string;
  /** The site's checkout page for this hold: the guest enters name and email and pays there. */
  url: string;
  expiresAt: Date;
  unit: { id: string; slug: string; name: string };
  checkIn: IsoDate;
  checkOut: IsoDate;
}

/**
 * The page where a guest pays for a hold someone else placed (a chatbot, an agent): ORIGIN's
 * /checkout?holdId=. Refused when the hold cannot be paid any more, so an agent never sends a
 * dead link.
 */
export async function getPaymentLink(options: { holdId: string; now?: Date }, db: Db = prisma): Promise<PaymentLink> {
  const now = options.now ?? clockNow();
  const hold = await db.hold.findUnique({
    where: { id: options.holdId },
    select: { id: true, status: true, expiresAt: true, checkIn: true, checkOut: true, unit: { select: { id: true, slug: true, name: true } } },
  });
  if (!hold) throw new AppError("NOT_FOUND", "No hold with that id exists.");
  if (hold.status === "CONVERTED") throw holdAlreadyPaid();
  if (hold.status !== "ACTIVE" || hold.expiresAt <= now) throw holdExpired();
  const url = new URL("/checkout", env.ORIGIN);
  url.searchParams.set("holdId", hold.id);
  return {
    holdId: hold.id,
    url: url.toString(),
    expiresAt: hold.expiresAt,
    unit: hold.unit,
    checkIn: fromDbDate(hold.checkIn),
    checkOut: fromDbDate(hold.checkOut),
  };
}
