// Turns the API's error answers into messages for guests. Shared by the site's server actions.

/** A guest-facing sentence for an API error code. */
export function friendly(code: string, message: string, status: number, details?: Record<string, unknown>): string {
  switch (code) {
    case "UNAVAILABLE":
    case "CONFLICT":
      return "Sorry, someone else has just reserved some of these nights. The calendar is refreshed; please pick other dates.";
    case "RATE_LIMITED":
      // The per-guest hold limit's message says what to do (pay for a hold or let one lapse).
      if (details?.rule === "holds_per_guest") return message;
      return "Too many reservation attempts in a short time. Please wait a minute and try again.";
    case "HOLD_EXPIRED":
    case "HOLD_NOT_ACTIVE":
      return "The reservation expired before checkout could start. Please reserve again.";
    case "UNPRICEABLE_STAY":
      return message;
    default:
      return status >= 500 ? "We could not reserve right now. Please try again in a moment." : message;
  }
}

/** Field errors keyed by the form's field names (firstName, email, ...). */
export function fieldErrors(issues: { path: string; message: string }[] | undefined): Record<string, string> | undefined {
  if (!issues?.length) return undefined;
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.split(".").pop() ?? issue.path;
    out[field] ??= issue.message;
  }
  return out;
}
