import { now } from "@/lib/clock";
import { addDays, isIsoDate, todayIn, type IsoDate } from "@/lib/dates";

// Stay dates for tests, computed from the clock the app itself reads (lib/clock.ts), so the suite
// passes on any day it runs, including under libfaketime. Every date of NEXT_YEAR is in the
// future whatever today is, and a date keeps its month and day, so seasons and hand-worked prices
// stay fixed by construction; only the weekday and whether February has 29 days vary by year
// (tests that depend on either compute the date, e.g. firstWeekdayOnOrAfter).

const timeZone = (): string => process.env.PROPERTY_TIMEZONE || "America/New_York";

/** The property's calendar date today. */
export function today(): IsoDate {
  return todayIn(timeZone(), now());
}

/** The calendar year after the property's current one. */
export const NEXT_YEAR = Number(today().slice(0, 4)) + 1;

/** True when February of `year` has 29 days. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The first `weekday` (0 = Sunday … 6 = Saturday) on or after `date`. */
export function firstWeekdayOnOrAfter(date: IsoDate, weekday: number): IsoDate {
  const current = new Date(`${date}T12:00:00Z`).getUTCDay();
  return addDays(date, (weekday - current + 7) % 7);
}

/**
 * The first year after the current one whose February has 28 days: for hand-worked prices of
 * stays whose night count or season coverage would change with a February 29.
 */
export const NEXT_COMMON_YEAR = isLeapYear(NEXT_YEAR) ? NEXT_YEAR + 1 : NEXT_YEAR;

const ISO_DAY = /^(\d{4})(-\d{2}-\d{2})$/;

/** Every YYYY-MM-DD string inside `value` (objects, arrays), `years` later; the rest unchanged. */
export function shiftDates<T>(value: T, years: number): T {
  if (typeof value === "string") {
    const m = ISO_DAY.exec(value);
    if (!m) return value;
    const shifted = `${Number(m[1]) + years}${m[2]}`;
    if (!isIsoDate(shifted)) throw new Error(`${value} has no counterpart ${years} years later`);
    return shifted as T;
  }
  if (Array.isArray(value)) return value.map((v) => shiftDates(v, years)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftDates(v, years)])) as T;
  }
  return value;
}

/** The earliest year of any YYYY-MM-DD string inside `value`, or undefined. */
export function earliestYear(value: unknown): number | undefined {
  if (typeof value === "string") {
    const m = ISO_DAY.exec(value);
    return m ? Number(m[1]) : undefined;
  }
  if (value && typeof value === "object") {
    const years = Object.values(value).map(earliestYear).filter((y): y is number => y !== undefined);
    return years.length ? Math.min(...years) : undefined;
  }
  return undefined;
}
