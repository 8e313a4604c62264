// What a screen reader announces for a day of the booking calendar. The name starts with the
// weekday and date written out and contains the day number exactly as the button shows it
// ("Monday, December 7, 2026"), so speech users can say "click 7" (WCAG 2.5.3, axe's
// label-content-name-mismatch: react-day-picker's default "December 7th" does not contain "7").

export interface DayState {
  today?: boolean;
  selected?: boolean;
  range_start?: boolean;
  range_end?: boolean;
  disabled?: boolean;
  booked?: boolean;
}

const format = new Intl.DateTimeFormat("en-US", { weekday: "long", month: "long", day: "numeric", year: "numeric" });

export function dayButtonLabel(date: Date, state: DayState): string {
  const parts = [format.format(date)];
  if (state.today) parts.push("today");
  if (state.booked) parts.push("unavailable");
  else if (state.disabled) parts.push("not available");
  if (state.range_start) parts.push("check-in");
  if (state.range_end) parts.push("check-out");
  if (state.selected && !state.range_start && !state.range_end) parts.push("selected");
  return parts.join(", ");
}
