// Pure stay rules: which rule governs a stay, and whether a stay of a unit may be booked given the
// unit's stays that block nights. No I/O; the server loads the rows and passes them in.

import { addDays, addMonths, daysBetween, weekdayOf, type IsoDate } from "../dates";
import { seasonContains } from "../pricing/price-stay";

/** Why a stay was refused: a stable, machine-readable name (API `details.rule`). */
export type StayRuleCode =
  | "UNAVAILABLE"
  | "MIN_NIGHTS"
  | "MAX_NIGHTS"
  | "HORIZON"
  | "SAME_DAY_CUTOFF"
  | "CHECKIN_WEEKDAY"
  | "CAPACITY"
  | "PETS"
  | "PAST";

export type StayRefusal =
  | { rule: "UNAVAILABLE" }
  | { rule: "PAST"; today: IsoDate }
  | { rule: "MIN_NIGHTS"; minNights: number }
  | { rule: "MAX_NIGHTS"; maxNights: number }
  | { rule: "HORIZON"; lastCheckIn: IsoDate }
  | { rule: "SAME_DAY_CUTOFF"; cutoffHour: number }
  | { rule: "CHECKIN_WEEKDAY"; checkInWeekdays: number[] }
  | { rule: "CAPACITY"; capacity: number }
  | { rule: "PETS"; maxPets: number };

/** A StayRule row. Scope: unitId, else category, else (both null) the whole property. */
export interface StayRuleData {
  unitId: string | null;
  category: string | null;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  recursAnnually: boolean;
  minNights: number | null;
  maxNights: number | null;
  checkInWeekdays: number[];
  bookingHorizonMonths: number | null;
  sameDayCutoffHour: number | null;
}

export interface EffectiveRules {
  minNights: number;
  maxNights: number | null;
  /** Empty: any weekday. */
  checkInWeekdays: number[];
  bookingHorizonMonths: number | null;
  sameDayCutoffHour: number | null;
}

export interface RulesUnit {
  id: string;
  type: string;
  capacity: number;
  petFriendly: boolean;
  turnoverDays: number;
}

/** A stay that takes nights of the unit: [start, end) plus its turnover days after end. */
export interface TakenStay {
  start: IsoDate;
  end: IsoDate;
  turnoverDays: number;
}

export const MAX_PETS = 2;

/**
 * The rules that govern a stay of `unit` checking in on `checkIn`. For each setting the most
 * specific applicable row that sets it wins: unit over category over property, and within a
 * scope a row limited to a season (by check-in date) over a year-round row. Minimum 1 night.
 */
export function effectiveRules(rules: StayRuleData[], unit: Pick<RulesUnit, "id" | "type">, checkIn: IsoDate): EffectiveRules {
  const applicable = rules
    .filter((r) => (r.unitId === null || r.unitId === unit.id) && (r.category === null || r.category === unit.type))
    .filter((r) => r.startDate === null || r.endDate === null || seasonContains({ name: "rule", discountPct: 0, startDate: r.startDate, endDate: r.endDate, recursAnnually: r.recursAnnually })(checkIn))
    .map((r) => ({ r, score: (r.unitId !== null ? 4 : r.category !== null ? 2 : 0) + (r.startDate !== null ? 1 : 0) }))
    // Stable: among equally specific rows the first listed wins.
    .sort((a, b) => b.score - a.score);
  const pick = <K extends keyof StayRuleData>(key: K, set: (value: StayRuleData[K]) => boolean): StayRuleData[K] | null =>
    applicable.find(({ r }) => set(r[key]))?.r[key] ?? null;
  const isSet = (value: unknown) => value !== null;
  return {
    minNights: Math.max(1, pick("minNights", isSet) ?? 1),
    maxNights: pick("maxNights", isSet),
    checkInWeekdays: pick("checkInWeekdays", (days) => days.length > 0) ?? [],
    bookingHorizonMonths: pick("bookingHorizonMonths", isSet),
    sameDayCutoffHour: pick("sameDayCutoffHour", isSet),
  };
}

/** True when `stay` takes a night that [checkIn, checkOut + turnoverDays) needs. */
export function blocks(stay: TakenStay, checkIn: IsoDate, checkOut: IsoDate, turnoverDays: number): boolean {
  return stay.start < addDays(checkOut, turnoverDays) && checkIn < addDays(stay.end, stay.turnoverDays);
}

/**
 * The free gap around [checkIn, checkOut) when it is bounded by stays on both sides: from the
 * day the previous stay's turnover ends to the last day a stay may end before the next one.
 */
export function gapAround(stays: TakenStay[], checkIn: IsoDate, checkOut: IsoDate, turnoverDays: number): { start: IsoDate; end: IsoDate } | null {
  let start: IsoDate | null = null;
  let end: IsoDate | null = null;
  for (const stay of stays) {
    const freeFrom = addDays(stay.end, stay.turnoverDays);
    if (freeFrom <= checkIn && (start === null || freeFrom > start)) start = freeFrom;
    const lastEnd = addDays(stay.start, -turnoverDays);
    if (lastEnd >= checkOut && (end === null || lastEnd < end)) end = lastEnd;
  }
  return start !== null && end !== null ? { start, end } : null;
}

export interface CheckStayInput {
  unit: RulesUnit;
  rules: StayRuleData[];
  /** The unit's stays that may block nights near the stay (others are ignored). */
  stays: TakenStay[];
  checkIn: IsoDate;
  checkOut: IsoDate;
  guests?: number;
  pets?: number;
  /** Today and the minutes since midnight, both in the property's time zone. */
  today: IsoDate;
  minutesIntoDay: number;
}

/**
 * Why this stay cannot be booked, or null when it can. Checked in this order: party (capacity,
 * pets), dates in the past, taken nights (turnover included), then the stay rules. A stay that
 * fills exactly a free gap between two stays is allowed below the minimum nights.
 */
export function checkStay(input: CheckStayInput): StayRefusal | null {
  const { unit, checkIn, checkOut, today } = input;
  const guests = input.guests ?? 1;
  const pets = input.pets ?? 0;
  if (guests > unit.capacity) return { rule: "CAPACITY", capacity: unit.capacity };
  if (pets > (unit.petFriendly ? MAX_PETS : 0)) return { rule: "PETS", maxPets: unit.petFriendly ? MAX_PETS : 0 };
  if (checkIn < today) return { rule: "PAST", today };
  if (input.stays.some((stay) => blocks(stay, checkIn, checkOut, unit.turnoverDays))) return { rule: "UNAVAILABLE" };

  const rules = effectiveRules(input.rules, unit, checkIn);
  const nights = daysBetween(checkIn, checkOut);
  if (rules.maxNights !== null && nights > rules.maxNights) return { rule: "MAX_NIGHTS", maxNights: rules.maxNights };
  if (rules.bookingHorizonMonths !== null) {
    const lastCheckIn = addMonths(today, rules.bookingHorizonMonths);
    if (checkIn > lastCheckIn) return { rule: "HORIZON", lastCheckIn };
  }
  if (rules.sameDayCutoffHour !== null && checkIn === today && input.minutesIntoDay >= rules.sameDayCutoffHour * 60) {
    return { rule: "SAME_DAY_CUTOFF", cutoffHour: rules.sameDayCutoffHour };
  }
  if (rules.checkInWeekdays.length > 0 && !rules.checkInWeekdays.includes(weekdayOf(checkIn))) {
    return { rule: "CHECKIN_WEEKDAY", checkInWeekdays: [...rules.checkInWeekdays].sort() };
  }
  if (nights < rules.minNights) {
    const gap = gapAround(input.stays, checkIn, checkOut, unit.turnoverDays);
    const fillsGap = gap !== null && gap.start === checkIn && gap.end === checkOut;
    if (!fillsGap) return { rule: "MIN_NIGHTS", minNights: rules.minNights };
  }
  return null;
}

