import "server-only";
import { quoteRequest } from "@/lib/api/schemas/quote";
import { getQuote } from "@/lib/server/quotes/get-quote";
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
    const q = await getQuote({ unitId: args.unitId, checkIn: args.checkIn, checkOut: args.checkOut, guests: args.guests, pets: args.pets, now });
    const extras = [
      q.discountCents > 0 ? `after a ${sayMoney(q.discountCents, q.currency)} seasonal discount` : "",
      q.feesCents > 0 ? `including ${sayMoney(q.feesCents, q.currency)} in fees` : "",
      q.taxCents > 0 ? `${sayMoney(q.taxCents, q.currency)} in taxes` : "",
    ].filter(Boolean);
    const say =
      `${sayNights(q.nights)} at ${q.unit.name} from ${sayDate(q.checkIn)} to ${sayDate(q.checkOut)} cost ` +
      `${sayMoney(q.totalCents, q.currency)} in total${extras.length ? `, ${extras.join(" and ")}` : ""}.`;
    return { data: { ...q }, say };
  },
});
