import { definePreflight, defineRoute, json } from "@/lib/server/http/define-route";
import { computeQuote } from "@/lib/server/pricing";
import { getCancellationTerms, policyView } from "@/lib/server/cancellation/get-cancellation-terms";
import { now } from "@/lib/clock";
import { quoteRequest, type QuoteResponse } from "@/lib/api/schemas/quote";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/v1/quote",
  access: "public",
  cors: "public",
  body: quoteRequest,
  handler: async ({ body }) => {
    const quote = await computeQuote({ ...body, allowPast: true });
    const terms = await getCancellationTerms({ unitId: quote.unit.id, checkIn: quote.checkIn, quote, now: now() });
    // The chatbot's fields first, so the payload reads the way it is spoken.
    const data: QuoteResponse = {
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
      cancellationPolicy: policyView(terms),
    };
    return json(data, 200, { "Cache-Control": "no-store" });
  },
});

export const OPTIONS = definePreflight("public", "POST");
