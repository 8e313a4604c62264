// Calendar dates ("YYYY-MM-DD") of the property. A stay is the nights [checkIn, checkOut).
// Dates are carried as strings and stored as PostgreSQL DATE; arithmetic goes through UTC day
// numbers so the server's own time zone can never shift a night.

import { now as clockNow } from "./clock";

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True for a real calendar date in YYYY-MM-DD form (2026-02-30 is false). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

// Stay rules and alternatives walk dates night by night, thousands of conversions per request on
// a few hundred distinct days: both directions are remembered (bounded, cleared when full).
const dayNumbers = new Map<string, number>();
const isoDates = new Map<number, IsoDate>();
const MAX_REMEMBERED_DAYS = 20_000;

/** Days since 1970-01-01 of a calendar date. */
export function toDayNumber(date: IsoDate): number {
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
  if (dayNumbers.size >= MAX_REMEMBERED_DAYS) dayNumbers.clear();
  dayNumbers.set(date, day);
  return day;
}

export function fromDayNumber(day: number): IsoDate {
  const known = isoDates.get(day);
  if (known !== undefined) return known;
  const date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  if (isoDates.size >= MAX_REMEMBERED_DAYS) isoDates.clear();
  isoDates.set(day, date);
  return date;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `from` to `to` (nights of a stay from checkIn to checkOut). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** The Date Prisma reads and writes for a DATE column: midnight UTC of that day. */
export function toDbDate(date: IsoDate): Date {
  return new Date(toDayNumber(date) * MS_PER_DAY);
}

/** The calendar date of a DATE column value as Prisma returns it (midnight UTC). */
export function fromDbDate(value: Date): IsoDate {
  return value.toISOString().slice(0, 10);
}

/** The calendar date of the instant `now` (default: the app clock, lib/clock.ts) in the given IANA time zone. */
export function todayIn(timeZone: string, now: Date = clockNow()): IsoDate {
  return localClock(timeZone, now).date;
}

/** Minutes since local midnight in the given IANA time zone. */
export function minutesIntoDayIn(timeZone: string, now: Date = clockNow()): number {
  return localClock(timeZone, now).minutes;
}

// Building an Intl.DateTimeFormat costs ~0.1 ms, formatting with one a few µs: one per time zone
// (the property has one) instead of one per request. Every zone's offset is whole minutes, so the
// local date and time of day are the same for a whole UTC minute: the last minute's answer is kept
// per zone, and the hot reads (which ask both on every request) format at most once a minute.
const clockFormats = new Map<string, Intl.DateTimeFormat>();
const lastMinute = new Map<string, { minute: number; date: IsoDate; minutes: number }>();

function localClock(timeZone: string, now: Date): { date: IsoDate; minutes: number } {
  const minute = Math.floor(now.getTime() / 60_000);
  const kept = lastMinute.get(timeZone);
  if (kept && kept.minute === minute) return kept;
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    clockFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const answer = { minute, date: `${get("year")}-${get("month")}-${get("day")}`, minutes: Number(get("hour")) * 60 + Number(get("minute")) };
  lastMinute.set(timeZone, answer);
  return answer;
}

/** Month (1-12) and day of a calendar date. */
export function monthDay(date: IsoDate): { month: number; day: number } {
  return { month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** The same day `months` later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

/** Day of the week of a calendar date, 0 = Sunday .. 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  // 1970-01-01 (day 0) was a Thursday.
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}
