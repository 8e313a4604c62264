import "server-only";
import { addDays, daysBetween, weekdayOf, addMonths, type IsoDate } from "@/lib/dates";
import { now as clockNow } from "@/lib/clock";
import { MAX_STAY_NIGHTS } from "@/lib/api/schemas/common";
import { evaluateStay, findAlternatives, staysOf, type Alternative, type ContextUnit, type StayContext } from "@/lib/rules/evaluate-stay";
import { blocks, effectiveRules, type StayRuleCode, type StayRuleData } from "@/lib/rules/stay-rules";
import { prisma, type Db } from "@/lib/server/db/client";
import { refusalMessage } from "@/lib/server/errors";
import { loadStayContext, memoizeAnswer } from "@/lib/server/stays/load-stay-context";
import { unitNotFound } from "@/lib/server/units/unit-ref";
import type { BlockingStay } from "./find-blocking-stays";

/** A run of consecutive check-in days that share the same rules (for the site's calendar). */
export interface ArrivalRun {
  start: IsoDate;
  /** Last day of the run (inclusive). */
  end: IsoDate;
  /** Whether a stay may start on these days (weekday, horizon and same-day cut-off allowing). */
  checkIn: boolean;
  minNights: number;
  maxNights: number | null;
}

export interface AvailabilityResult {
  /** The unit's real id, whether the caller named it by id or slug. */
  unitId: string;
  start: IsoDate;
  end: IsoDate;
  isAvailable: boolean;
  reason?: string;
  /** Why isAvailable is false, machine-readable (the same rule a hold would be refused with). */
  rule?: StayRuleCode;
  /** The rule's figure (minNights, maxNights, lastCheckIn, cutoffHour, checkInWeekdays, capacity, maxPets). */
  details?: Record<string, unknown>;
  /** Up to three stays that would work instead, when isAvailable is false. */
  alternatives?: Alternative[];
  /** Booked or held stays that take a night of [start, end) (their end includes turnover days). */
  unavailable: Array<Omit<BlockingStay, "turnoverDays" | "id">>;
  /** The stay rules of each check-in day of the span, as runs of equal days. */
  arrivalRules: ArrivalRun[];
}

export const REASON_PAST = "Dates in the past cannot be booked.";
export const REASON_TAKEN = "Some nights in this range are already booked or held.";

/**
 * Whether the stay [start, end) of one active unit can be booked by the party: free nights
 * (turnover included), the stay rules, capacity and pets, exactly as a hold would judge it. One
 * query whatever the span. Live holds block; holds past expiresAt and cancelled bookings never do.
 */
export async function checkAvailability(
  options: { unitRef: string; start: IsoDate; end: IsoDate; guests?: number; pets?: number; now?: Date },
  db: Db = prisma,
): Promise<AvailabilityResult> {
  const now = options.now ?? clockNow();
  const { start, end } = options;
  // A calendar's two-year window is not a stay anyone books: no alternatives, so no other units' stays.
  const offerAlternatives = daysBetween(start, end) <= MAX_STAY_NIGHTS;
  const loaded = await loadStayContext({ unitRef: options.unitRef, start, end, now, otherUnitsStays: offerAlternatives }, db);
  const { targetId, context } = loaded;
  const unit = context.units.find((u) => u.id === targetId);
  if (!unit) throw unitNotFound();
  // The same window, party and context give the same answer: computed once (load-stay-context.ts).
  const key = `availability|${unit.id}|${start}|${end}|${options.guests ?? ""}|${options.pets ?? ""}|${offerAlternatives}`;
  return memoizeAnswer(loaded, key, () => judge(context, unit, { start, end, guests: options.guests, pets: options.pets }, offerAlternatives));
}

function judge(
  context: StayContext,
  unit: ContextUnit,
  options: { start: IsoDate; end: IsoDate; guests?: number; pets?: number },
  offerAlternatives: boolean,
): AvailabilityResult {
  const { start, end } = options;

  const unavailable = staysOf(context, unit.id)
    .filter((stay) => blocks(stay, start, end, 0))
    .map((stay) => ({ start: stay.start, end: addDays(stay.end, stay.turnoverDays), kind: stay.kind }));

  const stay = { checkIn: start, checkOut: end, guests: options.guests, pets: options.pets };
  const result = evaluateStay(context, unit, stay);
  const refusal = "refusal" in result ? result.refusal : null;
  const base = { unitId: unit.id, start, end, unavailable, arrivalRules: arrivalRuns(context.rules, unit, start, end, context) };
  if (!refusal) return { ...base, isAvailable: true };

  const { rule, ...figures } = refusal;
  const reason = rule === "PAST" ? REASON_PAST : rule === "UNAVAILABLE" ? REASON_TAKEN : refusalMessage(refusal);
  const alternatives = offerAlternatives ? findAlternatives(context, unit.id, stay) : [];
  return { ...base, isAvailable: false, reason, rule, details: figures, alternatives };
}

function arrivalRuns(
  rules: StayRuleData[],
  unit: { id: string; type: string },
  start: IsoDate,
  end: IsoDate,
  context: { today: IsoDate; minutesIntoDay: number },
): ArrivalRun[] {
  const runs: ArrivalRun[] = [];
  const days = daysBetween(start, end);
  for (let i = 0; i < days; i++) {
    const day = addDays(start, i);
    const r = effectiveRules(rules, unit, day);
    const checkIn =
      day >= context.today &&
      (r.checkInWeekdays.length === 0 || r.checkInWeekdays.includes(weekdayOf(day))) &&
      (r.bookingHorizonMonths === null || day <= addMonths(context.today, r.bookingHorizonMonths)) &&
      !(r.sameDayCutoffHour !== null && day === context.today && context.minutesIntoDay >= r.sameDayCutoffHour * 60);
    const last = runs.at(-1);
    if (last && last.checkIn === checkIn && last.minNights === r.minNights && last.maxNights === r.maxNights) last.end = day;
    else runs.push({ start: day, end: day, checkIn, minNights: r.minNights, maxNights: r.maxNights });
  }
  return runs;
}
