import { describe, expect, it } from "vitest";
import { dayButtonLabel } from "./calendar-labels";

// Dates are built in local time, as react-day-picker passes them.
describe("dayButtonLabel", () => {
  it.each([
    // 7 Dec 2026 is a Monday; the visible text "7" is a word of the name.
    [new Date(2026, 11, 7), {}, "Monday, December 7, 2026"],
    [new Date(2026, 11, 7), { today: true }, "Monday, December 7, 2026, today"],
    [new Date(2027, 0, 1), { booked: true, disabled: true }, "Friday, January 1, 2027, unavailable"],
    [new Date(2027, 0, 2), { disabled: true }, "Saturday, January 2, 2027, not available"],
    [new Date(2027, 0, 3), { selected: true, range_start: true }, "Sunday, January 3, 2027, check-in"],
    [new Date(2027, 0, 5), { selected: true, range_end: true }, "Tuesday, January 5, 2027, check-out"],
    [new Date(2027, 0, 4), { selected: true }, "Monday, January 4, 2027, selected"],
  ])("%s %o → %s", (date, state, expected) => {
    expect(dayButtonLabel(date, state)).toBe(expected);
  });

  it("contains the day number the button shows, as a word", () => {
    for (let day = 1; day <= 31; day++) {
      const words = dayButtonLabel(new Date(2027, 2, day), {}).split(/[\s,]+/);
      expect(words).toContain(String(day));
    }
  });
});
