import { daysBetween, type IsoDate } from "@/lib/dates";

// Pure arithmetic of the dashboard: kept apart from the query so it is tested with plain data.

export interface MonthSummary {
  /** First day of the month, YYYY-MM-01. */
  month: IsoDate;
  nightsSold: number;
  nightsAvailable: number;
  /** Whole percent, rounded half up; 0 when nothing was available. */
  occupancyPct: number;
  revenueCents: number;
  /** Average daily rate: revenue per night sold, in whole cents; null when nothing was sold. */
  adrCents: number | null;
}

/** The first day of the month of `today` and of the `count - 1` months after it. */
export function monthStarts(today: IsoDate, count: number): IsoDate[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const y = year + Math.floor((month + i) / 12);
    const m = ((month + i) % 12) + 1;
    return `${y}-${String(m).padStart(2, "0")}-01`;
  });
}

export function daysInMonth(monthStart: IsoDate): number {
  const next = monthStarts(monthStart, 2)[1]!;
  return daysBetween(monthStart, next);
}

export function summarizeMonths(
  starts: IsoDate[],
  unitCount: number,
  rows: Array<{ month: IsoDate; nights: number; revenueCents: number }>,
): MonthSummary[] {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return starts.map((month) => {
    const row = byMonth.get(month);
    const nightsSold = row?.nights ?? 0;
    const revenueCents = row?.revenueCents ?? 0;
    const nightsAvailable = unitCount * daysInMonth(month);
    return {
      month,
      nightsSold,
      nightsAvailable,
      occupancyPct: nightsAvailable === 0 ? 0 : Math.floor((nightsSold * 100) / nightsAvailable + 0.5),
      revenueCents,
      adrCents: nightsSold === 0 ? null : Math.floor(revenueCents / nightsSold + 0.5),
    };
  });
}

