import "server-only";
import { formatDate, formatMoneyExact, plural, unitTypeLabel } from "@/lib/site/format";

// Wording shared by the tools' read-out sentences: dates as a person says them, money with cents.

export const sayDate = (iso: string) => formatDate(iso, { weekday: true, year: true });
export const sayMoney = (cents: number, currency: string) => formatMoneyExact(cents, currency);
export const sayNights = (n: number) => plural(n, "night");
export { unitTypeLabel };

/** "3:15 PM" on the property's clock (America/New_York), for a hold's expiry. */
export function sayTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(at);
}
