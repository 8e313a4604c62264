import { toDayNumber, type IsoDate } from "@/lib/dates";

// Calendar feeds in the shapes Airbnb, VRBO and Booking.com publish for a listing (property names,
// value types and summaries as the channels document and serve them), with invented UIDs and no
// data of real people. Dates are passed in, so tests compute them from today.

export interface FixtureEvent {
  uid: string;
  /** All-day: "YYYY-MM-DD". Timed: written as given (e.g. "20270110T150000Z"). */
  start: string;
  end?: string;
  summary?: string;
  /** Raw lines added to the VEVENT (TZID forms, RRULE, STATUS, RECURRENCE-ID, DESCRIPTION...). */
  lines?: string[];
  /** Write DTSTART/DTEND as given instead of as DATE values. */
  raw?: boolean;
}

const ymd = (d: IsoDate) => d.replaceAll("-", "");

/** Folds a content line at 75 octets with CRLF + space (RFC 5545 3.1). */
export function fold(line: string): string {
  const out: string[] = [];
  let rest = line;
  let first = true;
  while (Buffer.byteLength(rest) > (first ? 75 : 74)) {
    let cut = first ? 75 : 74;
    while (Buffer.byteLength(rest.slice(0, cut)) > (first ? 75 : 74)) cut--;
    out.push((first ? "" : " ") + rest.slice(0, cut));
    rest = rest.slice(cut);
    first = false;
  }
  out.push((first ? "" : " ") + rest);
  return out.join("\r\n");
}

function vevent(e: FixtureEvent, stamp: string, extra: string[]): string[] {
  const dates = e.raw
    ? [`DTSTART${e.start}`, ...(e.end ? [`DTEND${e.end}`] : [])]
    : [`DTSTART;VALUE=DATE:${ymd(e.start)}`, ...(e.end ? [`DTEND;VALUE=DATE:${ymd(e.end)}`] : [])];
  return ["BEGIN:VEVENT", `DTSTAMP:${stamp}`, ...dates, `UID:${e.uid}`, ...(e.summary ? [`SUMMARY:${e.summary}`] : []), ...extra, ...(e.lines ?? []), "END:VEVENT"];
}

function calendar(header: string[], events: string[][]): string {
  return [...["BEGIN:VCALENDAR", ...header], ...events.flat(), "END:VCALENDAR"].map(fold).join("\r\n") + "\r\n";
}

const STAMP = "20261101T120000Z";

/** Airbnb: DATE events, "Reserved" for bookings (with a reservation link) and "Airbnb (Not available)" for blocked nights. */
export function airbnbFeed(events: Array<{ uid: string; start: IsoDate; end: IsoDate; blocked?: boolean }>): string {
  return calendar(
    ["PRODID;X-RICAL-TZSOURCE=TZINFO:-//Airbnb Inc//Hosting Calendar 0.8.8//EN", "CALSCALE:GREGORIAN", "VERSION:2.0"],
    events.map((e) =>
      vevent(
        { uid: `${e.uid}@airbnb.com`, start: e.start, end: e.end, summary: e.blocked ? "Airbnb (Not available)" : "Reserved" },
        STAMP,
        e.blocked
          ? []
          : [
              `DESCRIPTION:Reservation URL: https://www.airbnb.com/hosting/reservations/details/HMFIXTURE${toDayNumber(e.start) % 1000}\\nPhone Number (Last 4 Digits): 0000`,
            ],
      ),
    ),
  );
}

/** VRBO (HomeAway): DATE events, "Reserved" and "Blocked". */
export function vrboFeed(events: Array<{ uid: string; start: IsoDate; end: IsoDate; blocked?: boolean }>): string {
  return calendar(
    ["VERSION:2.0", "PRODID:-//HomeAway.com\\, Inc.//EN", "CALSCALE:GREGORIAN"],
    events.map((e) => vevent({ uid: `${e.uid}@vrbo.com`, start: e.start, end: e.end, summary: e.blocked ? "Blocked" : "Reserved" }, STAMP, [])),
  );
}

/** Booking.com: DATE events, every one "CLOSED - Not available", METHOD:PUBLISH. */
export function bookingComFeed(events: Array<{ uid: string; start: IsoDate; end: IsoDate }>): string {
  return calendar(
    ["VERSION:2.0", "PRODID:-//admin.booking.com//NONSGML Booking.com Calendar//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"],
    events.map((e) => vevent({ uid: `${e.uid}@booking.com`, start: e.start, end: e.end, summary: "CLOSED - Not available" }, STAMP, [])),
  );
}

/** Any other calendar (Google, a channel manager): free-form events. */
export function genericFeed(events: FixtureEvent[], header: string[] = []): string {
  return calendar(["VERSION:2.0", "PRODID:-//Fixture//Generic Calendar//EN", ...header], events.map((e) => vevent(e, STAMP, [])));
}
