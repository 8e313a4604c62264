// Stay rules: THE file the owner edits for minimum stays and booking windows (then `npm run db:seed`).
//
// Each rule applies to one unit (unitSlug), one category (category), or the whole property
// (neither); startDate/endDate (inclusive, by check-in date, every year when recursAnnually)
// make it a seasonal override. For each setting the most specific rule that sets it wins:
// unit over category over property, and a seasonal rule over a year-round one at the same level.
// A free gap between two stays that is shorter than the minimum can always be booked whole.
// Turnover days are set per unit in prisma/data/rates.ts.

import type { UnitTypeName } from "./rates";

export interface StayRuleSeed {
  name: string;
  unitSlug?: string;
  category?: UnitTypeName;
  startDate?: string;
  endDate?: string;
  recursAnnually?: boolean;
  minNights?: number;
  maxNights?: number;
  /** 0 = Sunday .. 6 = Saturday; empty or absent = any day. */
  checkInWeekdays?: number[];
  /** How many months ahead a check-in may be booked. */
  bookingHorizonMonths?: number;
  /** No same-day check-in online from this local hour (PROPERTY_TIMEZONE). */
  sameDayCutoffHour?: number;
}

export const stayRules: StayRuleSeed[] = [
  { name: "Property defaults", bookingHorizonMonths: 18, sameDayCutoffHour: 18, minNights: 1, maxNights: 365 },
  // Winter season: cottages are let by the week at least, January to April.
  { name: "Cottage 1BR winter minimum", category: "COTTAGE_1BR", startDate: "2026-01-01", endDate: "2026-04-30", minNights: 7 },
  { name: "Cottage 2BR winter minimum", category: "COTTAGE_2BR", startDate: "2026-01-01", endDate: "2026-04-30", minNights: 7 },
];
