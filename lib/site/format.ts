// Formatting shared by the site's server and client components (no server-only imports).

export function formatMoney(cents: number, currency = "USD"): string {
  const whole = cents % 100 === 0;
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(cents / 100);
}

/** Money with cents always shown (line items and totals). */
export function formatMoneyExact(cents: number, currency = "USD"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
}

/** "Sat, Dec 5, 2026" for a calendar date YYYY-MM-DD, independent of the viewer's time zone. */
export function formatDate(iso: string, opts: { weekday?: boolean; year?: boolean } = {}): string {
  const d = new Date(`${iso}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat("en-US", {
    timeZone: "UTC",
    weekday: opts.weekday === false ? undefined : "short",
    month: "short",
    day: "numeric",
    year: opts.year === false ? undefined : "numeric",
  }).format(d);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const typeLabels: Record<string, string> = {
  TRAILER: "Trailer",
  COTTAGE_1BR: "1-bedroom cottage",
  COTTAGE_2BR: "2-bedroom cottage",
  RV_SITE: "RV site",
};

export function unitTypeLabel(type: string): string {
  return typeLabels[type] ?? type;
}

/** What a rate plan, rule or policy for a whole category reads as in the console ("All trailers"). */
export const unitCategoryLabels = {
  COTTAGE_1BR: "All 1-bedroom cottages",
  COTTAGE_2BR: "All 2-bedroom cottages",
  TRAILER: "All trailers",
  RV_SITE: "All RV sites",
} as const;

/** Local calendar date of a Date as YYYY-MM-DD (the calendar works in the viewer's local days). */
export function toIsoLocal(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, "0");
  const d = String(date.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

export function fromIsoLocal(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** "3 pm" / "10:30 am" for a 24-hour HH:MM time of day. */
export function formatTimeOfDay(hhmm: string | undefined, fallback: string): string {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm ?? "");
  if (!m) return fallback;
  const h = Number(m[1]);
  const suffix = h < 12 ? "am" : "pm";
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return m[2] === "00" ? `${h12} ${suffix}` : `${h12}:${m[2]} ${suffix}`;
}

/** The property's check-in and check-out times for display, from CHECKIN_TIME / CHECKOUT_TIME ("15:00"). */
export function stayTimes(times: { checkIn: string; checkOut: string }): { checkIn: string; checkOut: string } {
  return { checkIn: formatTimeOfDay(times.checkIn, "3 pm"), checkOut: formatTimeOfDay(times.checkOut, "11 am") };
}
