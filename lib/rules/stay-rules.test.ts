import { describe, expect, it } from "vitest";
import { addMonths, weekdayOf } from "../dates";
import { checkStay, effectiveRules, type CheckStayInput, type StayRefusal, type StayRuleData } from "./stay-rules";

const rule = (extra: Partial<StayRuleData>): StayRuleData => ({
  unitId: null,
  category: null,
  startDate: null,
  endDate: null,
  recursAnnually: true,
  minNights: null,
  maxNights: null,
  checkInWeekdays: [],
  bookingHorizonMonths: null,
  sameDayCutoffHour: null,
  ...extra,
});

// The property's defaults plus the owner's example: cottages at least 7 nights January-April.
const PROPERTY = rule({ bookingHorizonMonths: 18, sameDayCutoffHour: 18, maxNights: 365, minNights: 2 });
const COTTAGE_WINTER = rule({ category: "COTTAGE_2BR", startDate: "2026-01-01", endDate: "2026-04-30", minNights: 7 });
const COTTAGE_SATURDAYS = rule({ category: "COTTAGE_2BR", startDate: "2026-02-01", endDate: "2026-02-28", checkInWeekdays: [6] });
const ESSEX_ONLY = rule({ unitId: "essex", minNights: 3 });
const RULES = [PROPERTY, COTTAGE_WINTER, COTTAGE_SATURDAYS, ESSEX_ONLY];

const COTTAGE = { id: "view", type: "COTTAGE_2BR", capacity: 4, petFriendly: false, turnoverDays: 0 };
const ESSEX = { id: "essex", type: "COTTAGE_2BR", capacity: 5, petFriendly: true, turnoverDays: 1 };
const RV = { id: "rv-01", type: "RV_SITE", capacity: 6, petFriendly: false, turnoverDays: 0 };

const TODAY = "2026-11-29"; // a Sunday

interface Case {
  name: string;
  input: Partial<CheckStayInput> & Pick<CheckStayInput, "checkIn" | "checkOut">;
  expected: StayRefusal | null;
}

const cases: Case[] = [
  { name: "2 nights in December on a cottage is fine", input: { checkIn: "2026-12-10", checkOut: "2026-12-12" }, expected: null },
  { name: "1 night is below the property minimum of 2", input: { checkIn: "2026-12-10", checkOut: "2026-12-11" }, expected: { rule: "MIN_NIGHTS", minNights: 2 } },
  // The seasonal category row (7) beats the year-round property row (2) for a check-in in January.
  { name: "cottage in January needs 7", input: { checkIn: "2027-01-10", checkOut: "2027-01-16" }, expected: { rule: "MIN_NIGHTS", minNights: 7 } },
  { name: "cottage in January for 7 is fine", input: { checkIn: "2027-01-10", checkOut: "2027-01-17" }, expected: null },
  // The season is decided by the check-in date: Dec 31 check-in runs into January on the property minimum.
  { name: "check-in Dec 31 follows December's minimum", input: { checkIn: "2026-12-31", checkOut: "2027-01-02" }, expected: null },
  { name: "an RV site in January needs only 2", input: { unit: RV, checkIn: "2027-01-10", checkOut: "2027-01-12" }, expected: null },
  // A unit row (3) beats a seasonal category row (7): unit > category whatever the season.
  { name: "Essex's own minimum wins over the category's season", input: { unit: ESSEX, checkIn: "2027-01-10", checkOut: "2027-01-12" }, expected: { rule: "MIN_NIGHTS", minNights: 3 } },
  { name: "over 365 nights", input: { unit: RV, checkIn: "2026-12-01", checkOut: "2027-12-02" }, expected: { rule: "MAX_NIGHTS", maxNights: 365 } },
  // 18 months after 2026-11-29 is 2028-05-29: that day may start a stay, the next may not.
  { name: "last day of the horizon", input: { unit: RV, checkIn: "2028-05-29", checkOut: "2028-05-31" }, expected: null },
  { name: "beyond the horizon", input: { unit: RV, checkIn: "2028-05-30", checkOut: "2028-06-01" }, expected: { rule: "HORIZON", lastCheckIn: "2028-05-29" } },
  { name: "today before 18:00", input: { unit: RV, checkIn: TODAY, checkOut: "2026-12-01", minutesIntoDay: 17 * 60 + 59 }, expected: null },
  { name: "today from 18:00", input: { unit: RV, checkIn: TODAY, checkOut: "2026-12-01", minutesIntoDay: 18 * 60 }, expected: { rule: "SAME_DAY_CUTOFF", cutoffHour: 18 } },
  { name: "tomorrow after 18:00 is fine", input: { unit: RV, checkIn: "2026-11-30", checkOut: "2026-12-02", minutesIntoDay: 23 * 60 }, expected: null },
  { name: "yesterday", input: { unit: RV, checkIn: "2026-11-28", checkOut: "2026-12-02" }, expected: { rule: "PAST", today: TODAY } },
  // February cottages: Saturday check-in only. 2027-02-06 is a Saturday, 2027-02-07 a Sunday.
  { name: "February cottage on a Saturday", input: { checkIn: "2027-02-06", checkOut: "2027-02-13" }, expected: null },
  { name: "February cottage on a Sunday", input: { checkIn: "2027-02-07", checkOut: "2027-02-14" }, expected: { rule: "CHECKIN_WEEKDAY", checkInWeekdays: [6] } },
  { name: "over capacity", input: { checkIn: "2026-12-10", checkOut: "2026-12-12", guests: 5 }, expected: { rule: "CAPACITY", capacity: 4 } },
  { name: "at capacity", input: { checkIn: "2026-12-10", checkOut: "2026-12-12", guests: 4 }, expected: null },
  { name: "a pet on a unit that takes none", input: { checkIn: "2026-12-10", checkOut: "2026-12-12", pets: 1 }, expected: { rule: "PETS", maxPets: 0 } },
  { name: "two pets on a pet-friendly unit", input: { unit: ESSEX, checkIn: "2026-12-10", checkOut: "2026-12-13", pets: 2 }, expected: null },
  { name: "three pets on a pet-friendly unit", input: { unit: ESSEX, checkIn: "2026-12-10", checkOut: "2026-12-13", pets: 3 }, expected: { rule: "PETS", maxPets: 2 } },
  // Taken nights: a booking Dec 12-15 blocks Dec 14 -> 16.
  { name: "overlapping a stay", input: { checkIn: "2026-12-14", checkOut: "2026-12-16", stays: [{ start: "2026-12-12", end: "2026-12-15", turnoverDays: 0 }] }, expected: { rule: "UNAVAILABLE" } },
  { name: "back to back without turnover", input: { checkIn: "2026-12-15", checkOut: "2026-12-17", stays: [{ start: "2026-12-12", end: "2026-12-15", turnoverDays: 0 }] }, expected: null },
  // Essex keeps 1 turnover day: a stay ending Dec 15 (turnover 1) frees the unit from Dec 16.
  { name: "check-in on a turnover day", input: { unit: ESSEX, checkIn: "2026-12-15", checkOut: "2026-12-18", stays: [{ start: "2026-12-12", end: "2026-12-15", turnoverDays: 1 }] }, expected: { rule: "UNAVAILABLE" } },
  { name: "check-in the day after the turnover day", input: { unit: ESSEX, checkIn: "2026-12-16", checkOut: "2026-12-19", stays: [{ start: "2026-12-12", end: "2026-12-15", turnoverDays: 1 }] }, expected: null },
  // The new stay's own turnover: ending Dec 19 on Essex needs Dec 19 free of check-ins.
  { name: "check-out right before a check-in on a turnover unit", input: { unit: ESSEX, checkIn: "2026-12-16", checkOut: "2026-12-19", stays: [{ start: "2026-12-19", end: "2026-12-22", turnoverDays: 1 }] }, expected: { rule: "UNAVAILABLE" } },
  // Gap filling: stays end Dec 10 and start Dec 11 -> a 1-night gap below the minimum of 2 may be booked whole.
  { name: "a 1-night gap may be booked whole", input: { checkIn: "2026-12-10", checkOut: "2026-12-11", stays: [{ start: "2026-12-05", end: "2026-12-10", turnoverDays: 0 }, { start: "2026-12-11", end: "2026-12-14", turnoverDays: 0 }] }, expected: null },
  // A 3-night gap Jan 10-13 in a 7-night cottage season: only the whole gap, not 2 of its nights.
  { name: "the whole 3-night gap in a 7-night season", input: { checkIn: "2027-01-10", checkOut: "2027-01-13", stays: [{ start: "2027-01-03", end: "2027-01-10", turnoverDays: 0 }, { start: "2027-01-13", end: "2027-01-20", turnoverDays: 0 }] }, expected: null },
  { name: "part of a gap is still below the minimum", input: { checkIn: "2027-01-10", checkOut: "2027-01-12", stays: [{ start: "2027-01-03", end: "2027-01-10", turnoverDays: 0 }, { start: "2027-01-13", end: "2027-01-20", turnoverDays: 0 }] }, expected: { rule: "MIN_NIGHTS", minNights: 7 } },
  { name: "a stay after the last booking is not a gap", input: { checkIn: "2027-01-10", checkOut: "2027-01-13", stays: [{ start: "2027-01-03", end: "2027-01-10", turnoverDays: 0 }] }, expected: { rule: "MIN_NIGHTS", minNights: 7 } },
  // The gap counts turnover: Essex, stay A ends Jan 9 (+1 turnover -> free Jan 10), stay B starts Jan 13 (Essex needs 1 day -> must end Jan 12).
  { name: "a gap between turnover days", input: { unit: ESSEX, checkIn: "2027-01-10", checkOut: "2027-01-12", stays: [{ start: "2027-01-03", end: "2027-01-09", turnoverDays: 1 }, { start: "2027-01-13", end: "2027-01-20", turnoverDays: 1 }] }, expected: null },
];

describe("checkStay", () => {
  it.each(cases)("$name", ({ input, expected }) => {
    expect(checkStay({ unit: COTTAGE, rules: RULES, stays: [], today: TODAY, minutesIntoDay: 9 * 60, ...input })).toEqual(expected);
  });
});

describe("effectiveRules", () => {
  it("has no limits without rules", () => {
    expect(effectiveRules([], COTTAGE, "2027-01-10")).toEqual({ minNights: 1, maxNights: null, checkInWeekdays: [], bookingHorizonMonths: null, sameDayCutoffHour: null });
  });
  it("a season that wraps the new year applies in January", () => {
    const winter = rule({ startDate: "2026-12-15", endDate: "2027-01-15", minNights: 5 });
    expect(effectiveRules([winter], COTTAGE, "2027-01-10").minNights).toBe(5);
    expect(effectiveRules([winter], COTTAGE, "2027-01-20").minNights).toBe(1);
  });
});

describe("date helpers", () => {
  it("addMonths clamps to the month's end", () => {
    expect(addMonths("2026-08-31", 18)).toBe("2028-02-29");
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
  });
  it("weekdayOf", () => {
    expect(weekdayOf("2026-11-29")).toBe(0); // Sunday
    expect(weekdayOf("2027-02-06")).toBe(6); // Saturday
  });
});
