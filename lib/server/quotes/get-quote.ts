import "server-only";
import type { QuoteResponse } from "@/lib/api/schemas/quote";
import type { IsoDate } from "@/lib/dates";
import { now as clockNow } from "@/lib/clock";
import { currentPolicyView } from "@/lib/server/cancellation/get-cancellation-terms";
import { computeQuote } from "@/lib/server/pricing";

export interface GetQuoteOptions {
  /** The unit's id or slug. */
  unitId: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
  guests?: number;
  pets?: number;
  now?: Date;
}

/**
 * A guest's quote as the API and the chatbot's tool answer it: the price, computed on the server,
 * and the cancellation terms it would be sold under. Dates already gone are priced too (a quote
 * books nothing). Throws what computeQuote throws.
 */
export async function getQuote(options: GetQuoteOptions): Promise<QuoteResponse> {
  const now = options.now ?? clockNow();
  const quote = await computeQuote({ ...options, now, allowPast: true });
  // The chatbot's fields first, so the payload reads the way it is spoken.
  return {
    nights: quote.nights,
    baseCents: quote.baseCents,
    discountCents: quote.discountCents,
    feesCents: quote.feesCents,
    taxCents: quote.taxCents,
    totalCents: quote.totalCents,
    currency: quote.currency,
    unit: quote.unit,
    checkIn: quote.checkIn,
    checkOut: quote.checkOut,
    lineItems: quote.lineItems,
    taxLines: quote.taxLines,
    cancellationPolicy: currentPolicyView({ policyRow: quote.cancellationPolicyRow, checkIn: quote.checkIn, now }),
  };
}
