import { formatMoneyExact, plural } from "@/lib/site/format";
import type { Quote } from "@/lib/site/types";

// The server's quote: its own line items and total, nothing computed here. The box keeps a
// fixed minimum height in every state so the page does not jump when the price arrives.

export function QuoteSummary({
  quote,
  loading,
  error,
  onRetry,
  placeholder,
}: {
  quote: Quote | null;
  loading: boolean;
  error: string | null;
  onRetry?: () => void;
  placeholder: string;
}) {
  return (
    <div className="quote" aria-live="polite" aria-busy={loading} data-testid="quote">
      {error ? (
        <div className="quote-empty" role="alert">
          <p className="quote-error" data-testid="quote-error">
            {error}
          </p>
          {onRetry && (
            <button type="button" className="button" onClick={onRetry}>
              Try again
            </button>
          )}
        </div>
      ) : quote ? (
        <div className={loading ? "quote-stale" : undefined}>
          <table className="quote-table">
            <caption className="visually-hidden">Price for {plural(quote.nights, "night")}</caption>
            <tbody>
              {quote.lineItems.map((item, i) => (
                <tr key={`${item.label}-${i}`} className={item.amountCents < 0 ? "discount" : undefined}>
                  <th scope="row">{item.label}</th>
                  <td>{formatMoneyExact(item.amountCents, quote.currency)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td data-testid="quote-total">{formatMoneyExact(quote.totalCents, quote.currency)}</td>
              </tr>
            </tfoot>
          </table>
          <p className="hint">
            {plural(quote.nights, "night")}
          </p>
        </div>
      ) : loading ? (
        <div className="quote-skeleton" aria-label="Getting the price">
          <span />
          <span />
          <span />
          <span className="wide" />
        </div>
      ) : (
        <p className="quote-empty muted">{placeholder}</p>
      )}
    </div>
  );
}
