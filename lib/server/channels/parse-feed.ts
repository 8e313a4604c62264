import ICAL from "ical.js";
import { TZDate } from "@date-fns/tz";
import { addDays, daysBetween, todayIn, type IsoDate } from "@/lib/dates";

// Turns an iCalendar text from Airbnb, VRBO, Booking.com or any other channel into the nights it
// takes: one entry per event (per occurrence for a recurring event), each [start, end) in the
// property's calendar dates. Pure: no database, no clock except the `today` passed in.

export interface FeedEvent {
  /** Stable key within the feed: the UID, "#<recurrence id>" for an occurrence of a recurring event. */
  key: string;
  start: IsoDate;
  end: IsoDate;
  /** SUMMARY as sent ("Reserved", "Airbnb (Not available)"), trimmed; null when absent. */
  summary: string | null;
}

export class FeedParseError extends Error {}

/** Occurrences of a recurring event are taken up to this many days ahead (availability's window). */
export const RECURRENCE_HORIZON_DAYS = 730;
/**
 * Occurrences walked per recurring event and per feed. ical.js walks a rule from its DTSTART, at
 * roughly 10 000 steps a second on a busy small server, so these caps keep a hostile or broken feed
 * to about a second of CPU; a daily rule is still expanded to today when it began within ~27 years.
 * Channels (Airbnb, VRBO, Booking.com) send no rules at all: every stay is its own event.
 */
const MAX_OCCURRENCE_STEPS = 10_000;
const MAX_OCCURRENCE_STEPS_PER_FEED = 20_000;
const MAX_SUMMARY = 200;

function isIanaZone(tzid: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tzid });
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const wallDate = (t: ICAL.Time): IsoDate => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;

/**
 * The property's calendar date of an iCalendar time. DATE values and floating times are the
 * property's own wall clock; UTC times and times with a known IANA TZID are converted. A TZID
 * no IANA database knows (Windows names like "Eastern Standard Time") is taken as wall clock,
 * which is right for the usual case of a listing in the property's own zone.
 */
export function propertyDate(t: ICAL.Time, timeZone: string): IsoDate {
  if (t.isDate) return wallDate(t);
  if (t.zone?.tzid === "UTC") return todayIn(timeZone, t.toJSDate());
  // ical.js keeps the TZID it could not resolve (no VTIMEZONE registered) on `timezone`, which
  // its type declarations do not list.
  const tzid = (t as unknown as { timezone?: string }).timezone;
  if (tzid && tzid !== "floating" && isIanaZone(tzid)) {
    const instant = new TZDate(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, tzid);
    return todayIn(timeZone, new Date(instant.getTime()));
  }
  return wallDate(t);
}

/** Nights [start, end) an event takes: at least one (a same-day timed event blocks that night). */
function nights(start: ICAL.Time, end: ICAL.Time | null, timeZone: string): { start: IsoDate; end: IsoDate } {
  const s = propertyDate(start, timeZone);
  let e = end ? propertyDate(end, timeZone) : addDays(s, 1);
  if (daysBetween(s, e) < 1) e = addDays(s, 1);
  return { start: s, end: e };
}

function summaryOf(component: ICAL.Component): string | null {
  const value = component.getFirstPropertyValue("summary");
  if (typeof value !== "string") return null;
  const trimmed = value.replace(/\s+/g, " ").trim().slice(0, MAX_SUMMARY);
  return trimmed.length > 0 ? trimmed : null;
}

const isCancelled = (component: ICAL.Component) =>
  String(component.getFirstPropertyValue("status") ?? "").toUpperCase() === "CANCELLED";

/** DTEND, or DTSTART + DURATION; null when the event has neither (RFC 5545: a DATE event is one day). */
function endOf(event: ICAL.Event): ICAL.Time | null {
  const c = event.component;
  return c.hasProperty("dtend") || c.hasProperty("duration") ? event.endDate : null;
}

/**
 * Parses a feed. Throws FeedParseError when the text is not an iCalendar VCALENDAR at all (an
 * HTML error page, a login page, garbage), so the caller keeps the last good state.
 * Events that ended on or before `today` are left out: they take no night that can be sold.
 */
export function parseFeed(text: string, options: { timeZone: string; today: IsoDate }): FeedEvent[] {
  const trimmed = text.replace(/^\uFEFF/, "").trimStart();
  if (!/^BEGIN:VCALENDAR\r?\n/i.test(trimmed)) throw new FeedParseError("not a calendar");
  let root: ICAL.Component;
  try {
    const parsed: unknown = ICAL.parse(trimmed);
    // Several VCALENDARs in one body: take the first, like every calendar client does.
    const jcal = Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed[0] : parsed;
    root = new ICAL.Component(jcal as unknown[]);
  } catch {
    throw new FeedParseError("not a valid calendar");
  }
  if (root.name !== "vcalendar") throw new FeedParseError("not a calendar");

  const { timeZone, today } = options;
  const horizon = addDays(today, RECURRENCE_HORIZON_DAYS);
  const components = root.getAllSubcomponents("vevent");

  // Group by UID: the master (no RECURRENCE-ID) and its overridden occurrences.
  const masters = new Map<string, ICAL.Component[]>();
  const exceptions = new Map<string, ICAL.Component[]>();
  let anonymous = 0;
  for (const component of components) {
    const rawUid = component.getFirstPropertyValue("uid");
    // An event without UID (invalid, but seen) gets a key from its dates so it stays stable.
    const uid = typeof rawUid === "string" && rawUid.trim() ? rawUid.trim() : `no-uid-${anonymous++}`;
    const bucket = component.hasProperty("recurrence-id") ? exceptions : masters;
    bucket.set(uid, [...(bucket.get(uid) ?? []), component]);
  }

  const out = new Map<string, FeedEvent>();
  const add = (key: string, range: { start: IsoDate; end: IsoDate }, summary: string | null) => {
    if (range.end <= today) return;
    const existing = out.get(key);
    // The same key twice with different nights: keep the union, so nothing sold is lost.
    if (existing) {
      existing.start = existing.start < range.start ? existing.start : range.start;
      existing.end = existing.end > range.end ? existing.end : range.end;
      return;
    }
    out.set(key, { key, start: range.start, end: range.end, summary });
  };

  let budget = MAX_OCCURRENCE_STEPS_PER_FEED;
  for (const [uid, list] of masters) {
    // Duplicated UIDs (some channels reuse one UID for several stays): each copy keyed by its
    // first night, so every stay becomes its own block.
    const duplicated = list.length > 1;
    for (const component of list) {
      if (isCancelled(component)) continue;
      let event: ICAL.Event;
      try {
        event = new ICAL.Event(component);
        if (!event.startDate) continue;
      } catch {
        continue;
      }
      if (!event.isRecurring()) {
        const range = nights(event.startDate, endOf(event), timeZone);
        add(duplicated ? `${uid}@${range.start}` : uid, range, summaryOf(component));
        continue;
      }
      for (const exception of exceptions.get(uid) ?? []) {
        try {
          event.relateException(new ICAL.Event(exception));
        } catch {
          // An override that does not belong to this series is ignored.
        }
      }
      const iterator = event.iterator();
      for (let step = 0; step < MAX_OCCURRENCE_STEPS && budget > 0; step++, budget--) {
        const next = iterator.next();
        if (!next) break;
        const details = event.getOccurrenceDetails(next);
        const occurrence = details.item;
        if (isCancelled(occurrence.component)) continue;
        const hasEnd = occurrence.component.hasProperty("dtend") || occurrence.component.hasProperty("duration") || endOf(event) !== null;
        const range = nights(details.startDate, hasEnd ? details.endDate : null, timeZone);
        if (range.start > horizon) break;
        add(`${uid}#${details.recurrenceId.toString()}`, range, summaryOf(occurrence.component));
      }
    }
    exceptions.delete(uid);
  }
  // Overrides whose master is missing (a feed that sends only the changed occurrence).
  for (const [uid, list] of exceptions) {
    for (const component of list) {
      if (isCancelled(component)) continue;
      try {
        const event = new ICAL.Event(component);
        add(`${uid}#${event.recurrenceId.toString()}`, nights(event.startDate, endOf(event), timeZone), summaryOf(component));
      } catch {
        continue;
      }
    }
  }
  return [...out.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.key < b.key ? -1 : 1));
}
