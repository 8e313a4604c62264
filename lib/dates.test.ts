import { describe, expect, it } from "vitest";
import { minutesIntoDayIn, todayIn } from "./dates";

// The local date and time of day of an instant, worked out by hand from each zone's offset on that
// day. Consecutive rows share a UTC minute, or a minute in another zone, on purpose: the answer of
// the last minute is kept per zone, and must never leak into another second, minute or zone.
describe("todayIn and minutesIntoDayIn", () => {
  it.each([
    // America/New_York: EST (UTC-5) in winter; on 2027-03-14 02:00 EST becomes 03:00 EDT (UTC-4).
    ["2026-12-01T04:59:00.000Z", "America/New_York", "2026-11-30", 23 * 60 + 59],
    ["2026-12-01T04:59:59.999Z", "America/New_York", "2026-11-30", 23 * 60 + 59],
    ["2026-12-01T04:59:30.000Z", "Asia/Kolkata", "2026-12-01", 10 * 60 + 29], // UTC+5:30
    ["2026-12-01T05:00:00.000Z", "America/New_York", "2026-12-01", 0],
    ["2027-03-14T06:59:00.000Z", "America/New_York", "2027-03-14", 60 + 59],
    ["2027-03-14T07:00:00.000Z", "America/New_York", "2027-03-14", 3 * 60],
    // 2026-11-01 02:00 EDT becomes 01:00 EST: 01:30 happens twice, an hour apart.
    ["2026-11-01T05:30:00.000Z", "America/New_York", "2026-11-01", 90],
    ["2026-11-01T06:30:00.000Z", "America/New_York", "2026-11-01", 90],
    ["2026-12-01T18:29:00.000Z", "Asia/Kolkata", "2026-12-01", 23 * 60 + 59],
    ["2026-12-01T18:30:00.000Z", "Asia/Kolkata", "2026-12-02", 0],
    // Pacific/Chatham keeps summer time (UTC+13:45) in December.
    ["2026-12-01T10:14:00.000Z", "Pacific/Chatham", "2026-12-01", 23 * 60 + 59],
    ["2026-12-01T10:15:00.000Z", "Pacific/Chatham", "2026-12-02", 0],
  ])("%s in %s is %s, minute %i of the day", (instant, zone, date, minutes) => {
    const now = new Date(instant);
    expect(todayIn(zone, now)).toBe(date);
    expect(minutesIntoDayIn(zone, now)).toBe(minutes);
  });
});
