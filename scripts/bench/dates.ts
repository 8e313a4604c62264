// Dates of the benchmark's requests, relative to today so the history and the requests stay
// consistent whatever day the benchmark runs.
import { addDays, toDayNumber, type IsoDate } from "../../lib/dates";
import { seasons } from "../../prisma/data/rates";

export { addDays };

export function todayUtc(): IsoDate {
  return new Date().toISOString().slice(0, 10);
}

/**
 * A 10-night stay (5 nights each side) across the first season boundary at least `minDaysAhead`
 * days from today: the first day of a season or the day after one ends, from prisma/data/rates.ts.
 */
export function boundaryStay(today: IsoDate, minDaysAhead: number): { checkIn: IsoDate; checkOut: IsoDate; boundary: IsoDate } {
  const monthDays = new Set<string>();
  for (const s of seasons) {
    monthDays.add(s.startDate.slice(5));
    monthDays.add(addDays(s.endDate, 1).slice(5));
  }
  const earliest = toDayNumber(addDays(today, minDaysAhead));
  const year = Number(today.slice(0, 4));
  const candidates = [year, year + 1, year + 2]
    .flatMap((y) => [...monthDays].map((md) => `${y}-${md}`))
    .filter((d) => toDayNumber(d) >= earliest)
    .sort();
  const boundary = candidates[0]!;
  return { checkIn: addDays(boundary, -5), checkOut: addDays(boundary, 5), boundary };
}
