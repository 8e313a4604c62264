// An owner's total for a manual booking, written into the quote as one visible line, so that
// base - discount + fees + tax = total still holds on the booking (and on its NOT NULL split
// columns) and the engine's lines stay as they were. Pure: no I/O.

import type { Quote } from "./price-stay";

export const OWNER_ADJUSTMENT_LABEL = "Owner adjustment";

export class OverrideTooLowError extends Error {
  readonly minimumCents: number;
  constructor(minimumCents: number) {
    super(`an override must cover the fees and taxes (${minimumCents} cents)`);
    this.name = "OverrideTooLowError";
    this.minimumCents = minimumCents;
  }
}

/**
 * The quote with its total set to `totalCents`. The difference adjusts the nightly charge only:
 * a lower total is one more discount line (negative, as discounts are), a higher one one more base
 * line; fees and taxes stay as the engine computed them. So the total can go no lower than the
 * fees and taxes (OverrideTooLowError): a stay given away entirely is an owner block, not a sale.
 * The same total as the engine's returns the quote unchanged.
 */
export function overrideTotal<Q extends Quote>(quote: Q, totalCents: number): Q {
  if (!Number.isInteger(totalCents) || totalCents < 0) throw new RangeError("totalCents must be a whole number of cents, at least 0");
  const delta = totalCents - quote.totalCents;
  if (delta === 0) return quote;
  const minimumCents = quote.feesCents + quote.taxCents;
  if (totalCents < minimumCents) throw new OverrideTooLowError(minimumCents);

  const line = { label: OWNER_ADJUSTMENT_LABEL, amountCents: delta, kind: delta < 0 ? ("discount" as const) : ("base" as const) };
  // Placed after the engine's nightly and discount lines, before fees and taxes, where it applies.
  const firstOther = quote.lineItems.findIndex((item) => item.kind === "fee" || item.kind === "tax");
  const at = firstOther === -1 ? quote.lineItems.length : firstOther;
  const lineItems = [...quote.lineItems.slice(0, at), line, ...quote.lineItems.slice(at)];
  return {
    ...quote,
    lineItems,
    baseCents: delta > 0 ? quote.baseCents + delta : quote.baseCents,
    discountCents: delta < 0 ? quote.discountCents - delta : quote.discountCents,
    totalCents,
  };
}
