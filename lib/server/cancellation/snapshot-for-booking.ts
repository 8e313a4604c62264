import "server-only";
import type { Prisma } from "@prisma/client";
import { graceEnd, type PolicySnapshot } from "@/lib/cancellation/policy";
import { fromDbDate } from "@/lib/dates";
import type { Tx } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";
import { computeQuote } from "@/lib/server/pricing";
import { getCancellationTerms } from "./get-cancellation-terms";

/**
 * The policy snapshot a new booking is sold under: the terms shown at checkout (kept on the hold),
 * stamped with the booking time, which starts the grace period. The amounts are brought in line
 * with what Stripe actually captured, so refunds are computed from the money really taken.
 */
export async function snapshotForBooking(
  tx: Tx,
  hold: { id: string; unitId: string; checkIn: Date; checkOut: Date; cancellationTerms: Prisma.JsonValue },
  paidCents: number,
  currency: string,
  now: Date,
): Promise<PolicySnapshot> {
  let terms = hold.cancellationTerms as unknown as PolicySnapshot | null;
  if (terms?.version !== 1) {
    // A hold paid without our checkout having recorded terms (paid before this feature shipped):
    // the current policy and the current price split.
    const checkIn = fromDbDate(hold.checkIn);
    // A stay the rules would now refuse still gets the current policy (priced as paid). A database
    // error is not swallowed: it has aborted the transaction, and the serializable retry around
    // the webhook starts it afresh (swallowed, the next statement failed with 25P02 and a 500).
    const quote = await computeQuote({ unitId: hold.unitId, checkIn, checkOut: fromDbDate(hold.checkOut) }, tx).catch((error: unknown) => {
      if (error instanceof AppError) return null;
      throw error;
    });
    terms = await getCancellationTerms(
      { unitId: hold.unitId, checkIn, quote: quote ?? { baseCents: paidCents, discountCents: 0, totalCents: paidCents, currency }, now },
      tx,
    );
    logger.warn({ holdId: hold.id }, "booking without checkout terms; snapshot taken from the current policy");
  }
  let { nightlyCents } = terms.amounts;
  if (terms.amounts.totalCents !== paidCents) {
    // Never refund more than was taken: nightly first, the rest is fees and taxes.
    nightlyCents = Math.min(nightlyCents, paidCents);
  }
  const ends = graceEnd(terms.policy, terms.stay, now);
  return {
    ...terms,
    amounts: { totalCents: paidCents, nightlyCents, feesAndTaxesCents: paidCents - nightlyCents, currency },
    bookedAt: now.toISOString(),
    graceEndsAt: ends ? ends.toISOString() : null,
  };
}
