import { describe, expect, it } from "vitest";
import { airbnbFeed, bookingComFeed, genericFeed, vrboFeed } from "@/tests/support/feed-fixtures";
import { FeedParseError, parseFeed } from "./parse-feed";

// A frozen "today" injected into the parser: every date below is relative to it.
const TODAY = "2027-01-05";
const NY = { timeZone: "America/New_York", today: TODAY };
const parse = (text: string) => parseFeed(text, NY);

describe("parseFeed: channel shapes", () => {
  it("reads Airbnb's reserved and not-available DATE events", () => {
    const text = airbnbFeed([
      { uid: "a1", start: "2027-01-10", end: "2027-01-15" },
      { uid: "a2", start: "2027-02-01", end: "2027-02-03", blocked: true },
    ]);
    expect(parse(text)).toEqual([
      { key: "a1@airbnb.com", start: "2027-01-10", end: "2027-01-15", summary: "Reserved" },
      { key: "a2@airbnb.com", start: "2027-02-01", end: "2027-02-03", summary: "Airbnb (Not available)" },
    ]);
  });

  it("reads VRBO and Booking.com feeds", () => {
    expect(parse(vrboFeed([{ uid: "v1", start: "2027-03-01", end: "2027-03-08" }]))).toEqual([
      { key: "v1@vrbo.com", start: "2027-03-01", end: "2027-03-08", summary: "Reserved" },
    ]);
    expect(parse(bookingComFeed([{ uid: "b1", start: "2027-04-01", end: "2027-04-02" }]))).toEqual([
      { key: "b1@booking.com", start: "2027-04-01", end: "2027-04-02", summary: "CLOSED - Not available" },
    ]);
  });

  it("accepts an empty calendar as no events, and LF-only line endings", () => {
    expect(parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nEND:VCALENDAR\r\n")).toEqual([]);
    const lf = airbnbFeed([{ uid: "a1", start: "2027-01-10", end: "2027-01-12" }]).replaceAll("\r\n", "\n");
    expect(parse(lf).map((e) => [e.start, e.end])).toEqual([["2027-01-10", "2027-01-12"]]);
  });

  it("unfolds CRLF-folded long lines", () => {
    const longUid = `${"x".repeat(120)}@example.test`;
    const longSummary = `Owner stay ${"y".repeat(100)}`;
    const text = genericFeed([{ uid: longUid, start: "2027-01-20", end: "2027-01-22", summary: longSummary }]);
    expect(text).toContain("\r\n "); // really folded
    expect(parse(text)).toEqual([{ key: longUid, start: "2027-01-20", end: "2027-01-22", summary: longSummary }]);
  });

  it.each([
    ["an HTML error page", "<!DOCTYPE html><html><body>Service unavailable</body></html>"],
    ["JSON", '{"error":"not found"}'],
    ["an empty body", ""],
    ["garbage", "\u0000\u0001binary:junk\r\nmore"],
    ["a VCARD", "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Nobody\r\nEND:VCARD\r\n"],
    ["a truncated calendar", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\n"],
  ])("refuses %s as not a calendar", (_name, text) => {
    expect(() => parse(text)).toThrow(FeedParseError);
  });
});

describe("parseFeed: times and zones (property in America/New_York)", () => {
  it("converts UTC times to the property's dates", () => {
    // 2027-01-11T03:00Z is 22:00 EST on the 10th; 2027-01-12T16:00Z is 11:00 EST on the 12th.
    const text = genericFeed([{ uid: "utc", raw: true, start: ":20270111T030000Z", end: ":20270112T160000Z" }]);
    expect(parse(text).map((e) => [e.start, e.end])).toEqual([["2027-01-10", "2027-01-12"]]);
  });

  it("converts a TZID time from another zone", () => {
    // 22:00 in Los Angeles on the 10th is 01:00 EST on the 11th; 08:00 LA on the 13th is 11:00 EST.
    const text = genericFeed([
      { uid: "la", raw: true, start: ";TZID=America/Los_Angeles:20270110T220000", end: ";TZID=America/Los_Angeles:20270113T080000" },
    ]);
    expect(parse(text).map((e) => [e.start, e.end])).toEqual([["2027-01-11", "2027-01-13"]]);
  });

  it("takes floating times and unknown TZIDs as the property's wall clock", () => {
    const text = genericFeed([
      { uid: "float", raw: true, start: ":20270110T230000", end: ":20270112T100000" },
      { uid: "win", raw: true, start: ";TZID=Eastern Standard Time:20270120T150000", end: ";TZID=Eastern Standard Time:20270122T110000" },
    ]);
    expect(parse(text).map((e) => [e.key, e.start, e.end])).toEqual([
      ["float", "2027-01-10", "2027-01-12"],
      ["win", "2027-01-20", "2027-01-22"],
    ]);
  });

  it("blocks at least one night: a same-day timed event, a DATE event without DTEND", () => {
    const text = genericFeed([
      { uid: "day", raw: true, start: ":20270110T090000", end: ":20270110T170000" },
      { uid: "noend", start: "2027-01-15" },
    ]);
    expect(parse(text).map((e) => [e.key, e.start, e.end])).toEqual([
      ["day", "2027-01-10", "2027-01-11"],
      ["noend", "2027-01-15", "2027-01-16"],
    ]);
  });

  it("leaves out events that end on or before today", () => {
    const text = airbnbFeed([
      { uid: "past", start: "2026-12-20", end: "2027-01-05" },
      { uid: "current", start: "2027-01-03", end: "2027-01-06" },
    ]);
    expect(parse(text).map((e) => e.key)).toEqual(["current@airbnb.com"]);
  });
});

describe("parseFeed: recurrence, cancellation, duplicates", () => {
  it("expands a recurring event, applies a moved and a cancelled occurrence, and keys each by recurrence id", () => {
    const text = genericFeed([
      { uid: "weekly", start: "2027-01-10", end: "2027-01-12", summary: "Cleaning", lines: ["RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE;VALUE=DATE:20270131"] },
      { uid: "weekly", start: "2027-01-18", end: "2027-01-20", summary: "Cleaning (moved)", lines: ["RECURRENCE-ID;VALUE=DATE:20270117"] },
      { uid: "weekly", start: "2027-01-24", end: "2027-01-26", lines: ["RECURRENCE-ID;VALUE=DATE:20270124", "STATUS:CANCELLED"] },
    ]);
    // Occurrences on Jan 10, 17, 24, 31: 17 moved to the 18th, 24 cancelled, 31 excluded.
    expect(parse(text)).toEqual([
      { key: "weekly#2027-01-10", start: "2027-01-10", end: "2027-01-12", summary: "Cleaning" },
      { key: "weekly#2027-01-17", start: "2027-01-18", end: "2027-01-20", summary: "Cleaning (moved)" },
    ]);
  });

  it("stops an endless rule at the two-year horizon", () => {
    const text = genericFeed([{ uid: "forever", start: "2027-01-10", end: "2027-01-11", lines: ["RRULE:FREQ=MONTHLY"] }]);
    const events = parse(text);
    // Monthly from 2027-01-10; the horizon is 730 days after 2027-01-05, i.e. 2029-01-04:
    // Jan 2027 .. Dec 2028 = 24 occurrences.
    expect(events).toHaveLength(24);
    expect(events.at(-1)).toMatchObject({ start: "2028-12-10" });
  });

  it("finds today's occurrences of a daily rule that started years ago", () => {
    const text = genericFeed([{ uid: "old", start: "2020-01-01", end: "2020-01-02", lines: ["RRULE:FREQ=DAILY;UNTIL=20270108"] }]);
    // Nights after today (2027-01-05) up to the UNTIL date: Jan 5 (ends the 6th), 6, 7, 8.
    expect(parse(text).map((e) => e.start)).toEqual(["2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08"]);
  });

  it("drops a cancelled event", () => {
    const text = genericFeed([
      { uid: "gone", start: "2027-01-10", end: "2027-01-12", lines: ["STATUS:CANCELLED"] },
      { uid: "kept", start: "2027-01-10", end: "2027-01-12", lines: ["STATUS:CONFIRMED"] },
    ]);
    expect(parse(text).map((e) => e.key)).toEqual(["kept"]);
  });

  it("keeps every stay of a duplicated UID, keyed by its first night", () => {
    const text = genericFeed([
      { uid: "dup", start: "2027-03-01", end: "2027-03-04" },
      { uid: "dup", start: "2027-02-01", end: "2027-02-03" },
    ]);
    expect(parse(text).map((e) => [e.key, e.start, e.end])).toEqual([
      ["dup@2027-02-01", "2027-02-01", "2027-02-03"],
      ["dup@2027-03-01", "2027-03-01", "2027-03-04"],
    ]);
  });
});
