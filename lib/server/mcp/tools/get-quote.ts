import "server-only";
import { quoteRequest, type QuoteResponse } from "@/lib/api/schemas/quote";
import { getCancellationTerms, policyView } from "@/lib/server/cancellation/get-cancellation-terms";
import { computeQuote } from "@/lib/server/pricing";
import { sayDate, sayMoney, sayNights } from "../say";
import { defineTool } from "../types";

export const getQuoteTool = defineTool({
  name: "get_quote",
  title: "Price a stay",
  description:
    "The price of a stay, computed on the server: nights, base, seasonal discount, fees and total, in integer cents, with line items, " +
    "and the cancellation policy it would be sold under (cancellationPolicy.summary says it in words). " +
    "checkOut is the departure day. Places no hold; quote before offering a stay and never invent a price.",
  input: quoteRequest,
  mutating: false,
  async run(args, { now }) {
    const q = await computeQuote({ unitId: args.unitId, checkIn: args.checkIn, checkOut: args.checkOut, guests: args.guests, pets: args.pets, allowPast: true, now });
    const terms = await getCancellationTerms({ unitId: q.unit.id, checkIn: q.checkIn, quote: q, now });
    const data: QuoteResponse = {
      nights: q.nights,
      baseCents: q.baseCents,
      discountCents: q.discountCents,
      feesCents: q.feesCents,
      taxCents: q.taxCents,
      totalCents: q.totalCents,
      currency: q.currency,
      unit: q.unit,
      checkIn: q.checkIn,
      checkOut: q.checkOut,
      lineItems: q.lineItems,
      taxLines: q.taxLines,
      cancellationPolicy: policyView(terms),
    };
    const extras = [
      q.discountCents > 0 ? `after a ${sayMoney(q.discountCents, q.currency)} seasonal discount` : "",
      q.feesCents > 0 ? `including ${sayMoney(q.feesCents, q.currency)} in fees` : "",
      q.taxCents > 0 ? `${sayMoney(q.taxCents, q.currency)} in taxes` : "",
    ].filter(Boolean);
    const say =
      `${sayNights(q.nights)} at ${q.unit.name} from ${sayDate(q.checkIn)} to ${sayDate(q.checkOut)} cost ` +
      `${sayMoney(q.totalCents, q.currency)} in total${extras.length ? `, ${extras.join(" and ")}` : ""}.`;
    return { data: { ...data }, say };
  },
});
