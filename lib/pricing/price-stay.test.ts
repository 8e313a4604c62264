import { describe, expect, it } from "vitest";
import { addDays } from "../dates";
import {
  PricingError,
  TIER_NIGHTS,
  priceStay,
  type FeeData,
  type LineItem,
  type RatePlanData,
  type SeasonData,
} from "./price-stay";

// Per-night equivalents of the fixed plan: nightly $100.00, weekly $85.71, monthly $66.67, 4-month $50.00.
const PLAN: RatePlanData = { nightly: 10000, weekly: 60000, monthly: 200000, fourMonth: 600000, currency: "USD" };

const NOV: SeasonData = { name: "Nov Discount", startDate: "2026-11-01", endDate: "2026-11-30", discountPct: 10, recursAnnually: true };
const APR: SeasonData = { name: "Apr Discount", startDate: "2026-04-01", endDate: "2026-04-30", discountPct: 10, recursAnnually: true };
const SUMMER: SeasonData = { name: "Summer Discount", startDate: "2026-05-01", endDate: "2026-10-31", discountPct: 20, recursAnnually: true };
const OWNER_SEASONS = [NOV, APR, SUMMER];

const CLEANING: FeeData = { name: "Cleaning Fee", amount: 4000, perStay: true };

const plan = (rates: Partial<Omit<RatePlanData, "currency">>): RatePlanData => ({
  nightly: null,
  weekly: null,
  monthly: null,
  fourMonth: null,
  currency: "USD",
  ...rates,
});
const season = (name: string, startDate: string, endDate: string, discountPct: number, recursAnnually = true): SeasonData => ({
  name,
  startDate,
  endDate,
  discountPct,
  recursAnnually,
});
const base = (label: string, amountCents: number): LineItem => ({ label, amountCents, kind: "base" });
const off = (label: string, amountCents: number): LineItem => ({ label, amountCents, kind: "discount" });
const fee = (label: string, amountCents: number): LineItem => ({ label, amountCents, kind: "fee" });

interface Case {
  name: string;
  plan?: RatePlanData;
  seasons?: SeasonData[];
  fees?: FeeData[];
  checkIn: string;
  checkOut: string;
  nights: number;
  lines: LineItem[];
  total: number;
}

// Dec 1 .. Mar 31 is outside every owner season, so those stays are pure tier arithmetic.
// Unless a case says otherwise: PLAN, owner seasons, and the $40 cleaning fee per stay.
const cases: Case[] = [
  // --- tier selection, off-season ---
  {
    // 1 night: $100 + $40 cleaning.
    name: "1 night off-season",
    checkIn: "2026-12-10", checkOut: "2026-12-11", nights: 1,
    lines: [base("Nightly rate × 1 (1 night)", 10000), fee("Cleaning Fee", 4000)],
    total: 14000,
  },
  {
    // 6 nights: a week does not fit, 6 × $100 = $600; + $40 = $640.
    name: "6 nights off-season",
    checkIn: "2026-12-10", checkOut: "2026-12-16", nights: 6,
    lines: [base("Nightly rate × 6 (6 nights)", 60000), fee("Cleaning Fee", 4000)],
    total: 64000,
  },
  {
    // 7 nights: week $600 < 7 × $100; + $40 = $640.
    name: "7 nights off-season",
    checkIn: "2026-12-10", checkOut: "2026-12-17", nights: 7,
    lines: [base("Weekly rate × 1 (7 nights)", 60000), fee("Cleaning Fee", 4000)],
    total: 64000,
  },
  {
    // 10 nights: week $600 + 3 × $100 = $900 (< 10 × $100); + $40 = $940.
    name: "10 nights off-season",
    checkIn: "2026-12-10", checkOut: "2026-12-20", nights: 10,
    lines: [base("Weekly rate × 1 (7 nights)", 60000), base("Nightly rate × 3 (3 nights)", 30000), fee("Cleaning Fee", 4000)],
    total: 94000,
  },
  {
    // 29 nights: a month (30) cannot cover 29 exactly; 7w + n = 29 costs 290000 - 10000w, best w = 4:
    // 4 × $600 + 1 × $100 = $2,500; + $40 = $2,540.
    name: "29 nights off-season (month does not fit)",
    checkIn: "2026-12-01", checkOut: "2026-12-30", nights: 29,
    lines: [base("Weekly rate × 4 (28 nights)", 240000), base("Nightly rate × 1 (1 night)", 10000), fee("Cleaning Fee", 4000)],
    total: 254000,
  },
  {
    // 30 nights: month $2,000 (vs 4 weeks + 2 nights $2,600); + $40 = $2,040.
    name: "30 nights off-season",
    checkIn: "2026-12-01", checkOut: "2026-12-31", nights: 30,
    lines: [base("Monthly rate × 1 (30 nights)", 200000), fee("Cleaning Fee", 4000)],
    total: 204000,
  },
  {
    // 45 nights Dec 1 -> Jan 15: month + 2 weeks + 1 night = 2000 + 1200 + 100 = $3,300
    // (month + week + 8 nights = $3,400; 6 weeks + 3 nights = $3,900); + $40 = $3,340.
    name: "45 nights off-season across New Year",
    checkIn: "2026-12-01", checkOut: "2027-01-15", nights: 45,
    lines: [
      base("Monthly rate × 1 (30 nights)", 200000),
      base("Weekly rate × 2 (14 nights)", 120000),
      base("Nightly rate × 1 (1 night)", 10000),
      fee("Cleaning Fee", 4000),
    ],
    total: 334000,
  },
  {
    // 119 nights Dec 1 -> Mar 30: 4-month does not fit. 3 months + 29 nights (4 weeks + 1 night)
    // = 6000 + 2400 + 100 = $8,500 (2 months + 8 weeks + 3 nights = $9,100); + $40 = $8,540.
    name: "119 nights off-season",
    checkIn: "2026-12-01", checkOut: "2027-03-30", nights: 119,
    lines: [
      base("Monthly rate × 3 (90 nights)", 600000),
      base("Weekly rate × 4 (28 nights)", 240000),
      base("Nightly rate × 1 (1 night)", 10000),
      fee("Cleaning Fee", 4000),
    ],
    total: 854000,
  },
  {
    // 120 nights Dec 1 -> Mar 31 (nights through Mar 30): 4-month $6,000 (vs 4 months $8,000); + $40.
    name: "120 nights off-season",
    checkIn: "2026-12-01", checkOut: "2027-03-31", nights: 120,
    lines: [base("4-month rate × 1 (120 nights)", 600000), fee("Cleaning Fee", 4000)],
    total: 604000,
  },
  {
    // 150 nights Dec 1 -> Apr 30: nights 0-120 Dec 1..Mar 30 off-season, last 29 nights Apr 1..29 at 10%.
    // [4-month, month]: month nights Mar 31..Apr 29, 29 of them in April: 200000 × 29 × 10% / 30 = 19333.33.
    // [month, 4-month]: 4-month covers Dec 31..Apr 29: 29 × 5000 × 10% = 14500 -> costs more.
    // Base $8,000 - $193.33 + $40 = $7,846.67.
    name: "150 nights ending in April: month block placed over April",
    checkIn: "2026-12-01", checkOut: "2027-04-30", nights: 150,
    lines: [
      base("4-month rate × 1 (120 nights)", 600000),
      base("Monthly rate × 1 (30 nights)", 200000),
      off("Apr Discount (10% off 29 nights)", -19333),
      fee("Cleaning Fee", 4000),
    ],
    total: 784667,
  },
  // --- inside seasons ---
  {
    // 7 summer nights: week $600 - 20% = $480 (7 nightly would be $560 net); + $40 = $520.
    name: "7 nights in summer",
    checkIn: "2026-07-01", checkOut: "2026-07-08", nights: 7,
    lines: [base("Weekly rate × 1 (7 nights)", 60000), off("Summer Discount (20% off 7 nights)", -12000), fee("Cleaning Fee", 4000)],
    total: 52000,
  },
  {
    // 10 nights Nov 5-15: 1 week ($600) + 3 nights ($300); Nov 10% on all 10 nights => -$90.00; + $40 = $850.
    name: "10 nights in November",
    checkIn: "2026-11-05", checkOut: "2026-11-15", nights: 10,
    lines: [
      base("Weekly rate × 1 (7 nights)", 60000),
      base("Nightly rate × 3 (3 nights)", 30000),
      off("Nov Discount (10% off 10 nights)", -9000),
      fee("Cleaning Fee", 4000),
    ],
    total: 85000,
  },
  {
    // 30 nights June: month $2,000 - 20% = -$400; + $40 = $1,640.
    name: "30 nights in summer",
    checkIn: "2026-06-01", checkOut: "2026-07-01", nights: 30,
    lines: [base("Monthly rate × 1 (30 nights)", 200000), off("Summer Discount (20% off 30 nights)", -40000), fee("Cleaning Fee", 4000)],
    total: 164000,
  },
  {
    // 120 nights Jun 1 -> Sep 29 (30 + 31 + 31 + 28): 4-month $6,000 - 20% = -$1,200; + $40 = $4,840.
    name: "120 nights in summer",
    checkIn: "2026-06-01", checkOut: "2026-09-29", nights: 120,
    lines: [base("4-month rate × 1 (120 nights)", 600000), off("Summer Discount (20% off 120 nights)", -120000), fee("Cleaning Fee", 4000)],
    total: 484000,
  },
  // --- season boundaries ---
  {
    // Oct 29, 30, 31 summer (3 × $20) and Nov 1, 2 (2 × $10): 5 × $100 - $60 - $20 + $40 = $460.
    name: "crossing Oct 31 / Nov 1",
    checkIn: "2026-10-29", checkOut: "2026-11-03", nights: 5,
    lines: [
      base("Nightly rate × 5 (5 nights)", 50000),
      off("Summer Discount (20% off 3 nights)", -6000),
      off("Nov Discount (10% off 2 nights)", -2000),
      fee("Cleaning Fee", 4000),
    ],
    total: 46000,
  },
  {
    // Nov 28, 29, 30 at 10% (3 × $10), Dec 1, 2 none: $500 - $30 + $40 = $510.
    name: "crossing Nov 30 / Dec 1",
    checkIn: "2026-11-28", checkOut: "2026-12-03", nights: 5,
    lines: [base("Nightly rate × 5 (5 nights)", 50000), off("Nov Discount (10% off 3 nights)", -3000), fee("Cleaning Fee", 4000)],
    total: 51000,
  },
  {
    // Mar 30, 31 none, Apr 1 at 10%: $300 - $10 + $40 = $330.
    name: "crossing Mar 31 / Apr 1",
    checkIn: "2027-03-30", checkOut: "2027-04-02", nights: 3,
    lines: [base("Nightly rate × 3 (3 nights)", 30000), off("Apr Discount (10% off 1 night)", -1000), fee("Cleaning Fee", 4000)],
    total: 33000,
  },
  {
    // Apr 29, 30 at 10% (2 × $10), May 1, 2 at 20% (2 × $20): $400 - $20 - $40 + $40 = $380.
    name: "crossing Apr 30 / May 1",
    checkIn: "2027-04-29", checkOut: "2027-05-03", nights: 4,
    lines: [
      base("Nightly rate × 4 (4 nights)", 40000),
      off("Apr Discount (10% off 2 nights)", -2000),
      off("Summer Discount (20% off 2 nights)", -4000),
      fee("Cleaning Fee", 4000),
    ],
    total: 38000,
  },
  {
    // Dec 28 -> Jan 4 is 7 nights across the year end, off-season: week $600 + $40.
    name: "New Year Dec 28 -> Jan 4",
    checkIn: "2026-12-28", checkOut: "2027-01-04", nights: 7,
    lines: [base("Weekly rate × 1 (7 nights)", 60000), fee("Cleaning Fee", 4000)],
    total: 64000,
  },
  {
    // Season Dec 20 2026 .. Jan 5 2027 (ends in a later year -> wraps), applied in 2027/28:
    // week $600 - 15% = -$90; + $40 = $550.
    name: "recurring season spanning New Year (endDate in later year)",
    seasons: [season("Holiday Discount", "2026-12-20", "2027-01-05", 15)],
    checkIn: "2027-12-28", checkOut: "2028-01-04", nights: 7,
    lines: [base("Weekly rate × 1 (7 nights)", 60000), off("Holiday Discount (15% off 7 nights)", -9000), fee("Cleaning Fee", 4000)],
    total: 55000,
  },
  {
    // Same span written with end month/day before start month/day in one year: same $550.
    name: "recurring season spanning New Year (end month/day before start)",
    seasons: [season("Holiday Discount", "2026-12-20", "2026-01-05", 15)],
    checkIn: "2026-12-28", checkOut: "2027-01-04", nights: 7,
    lines: [base("Weekly rate × 1 (7 nights)", 60000), off("Holiday Discount (15% off 7 nights)", -9000), fee("Cleaning Fee", 4000)],
    total: 55000,
  },
  {
    // Wrapping season's inclusive end: Jan 4, 5 in (2 × $15), Jan 6, 7 out: $400 - $30 + $40 = $410.
    name: "wrapping season ends inclusively on Jan 5",
    seasons: [season("Holiday Discount", "2026-12-20", "2027-01-05", 15)],
    checkIn: "2027-01-04", checkOut: "2027-01-08", nights: 4,
    lines: [base("Nightly rate × 4 (4 nights)", 40000), off("Holiday Discount (15% off 2 nights)", -3000), fee("Cleaning Fee", 4000)],
    total: 41000,
  },
  {
    // Recurring Mar 1 2026 .. Mar 1 2027 spans a whole year, so every date recurs in it, Dec 10 included:
    // $100 - 5% = -$5; + $40 = $135.
    name: "recurring season a year or longer covers every date",
    seasons: [season("Long-Stay Promo", "2026-03-01", "2027-03-01", 5)],
    checkIn: "2026-12-10", checkOut: "2026-12-11", nights: 1,
    lines: [base("Nightly rate × 1 (1 night)", 10000), off("Long-Stay Promo (5% off 1 night)", -500), fee("Cleaning Fee", 4000)],
    total: 13500,
  },
  // --- leap day, other years ---
  {
    // 2028 is a leap year: nights Feb 27, 28, 29, Mar 1 = 4, off-season: $400 + $40.
    name: "Feb 29 of a leap year counts as a night",
    checkIn: "2028-02-27", checkOut: "2028-03-02", nights: 4,
    lines: [base("Nightly rate × 4 (4 nights)", 40000), fee("Cleaning Fee", 4000)],
    total: 44000,
  },
  {
    // Recurring Feb 25 .. Mar 5 (defined in non-leap 2026) still contains Feb 29 2028: 4 × $5 = -$20; $420.
    name: "Feb 29 inside a recurring late-Feb..early-Mar season",
    seasons: [season("Snowbird Discount", "2026-02-25", "2026-03-05", 5)],
    checkIn: "2028-02-27", checkOut: "2028-03-02", nights: 4,
    lines: [base("Nightly rate × 4 (4 nights)", 40000), off("Snowbird Discount (5% off 4 nights)", -2000), fee("Cleaning Fee", 4000)],
    total: 42000,
  },
  {
    // Season from Feb 29 .. Mar 1 in non-leap 2027: Feb 27, 28 sort before (2,29), Mar 1 inside, Mar 2 after:
    // 1 × $10 off; $400 - $10 + $40 = $430.
    name: "season starting Feb 29 applied in a non-leap year",
    seasons: [season("Leap Discount", "2028-02-29", "2028-03-01", 10)],
    checkIn: "2027-02-27", checkOut: "2027-03-03", nights: 4,
    lines: [base("Nightly rate × 4 (4 nights)", 40000), off("Leap Discount (10% off 1 night)", -1000), fee("Cleaning Fee", 4000)],
    total: 43000,
  },
  {
    // Owner's Nov season (defined in 2026) recurs in 2031: 3 × $100 - 3 × $10 + $40 = $310.
    name: "recurring season applies in 2031",
    checkIn: "2031-11-10", checkOut: "2031-11-13", nights: 3,
    lines: [base("Nightly rate × 3 (3 nights)", 30000), off("Nov Discount (10% off 3 nights)", -3000), fee("Cleaning Fee", 4000)],
    total: 31000,
  },
  {
    // Non-recurring Nov 2026 season does not touch Nov 2031: $300 + $40.
    name: "non-recurring season does not apply in another year",
    seasons: [season("Nov 2026 Only", "2026-11-01", "2026-11-30", 10, false)],
    checkIn: "2031-11-10", checkOut: "2031-11-13", nights: 3,
    lines: [base("Nightly rate × 3 (3 nights)", 30000), fee("Cleaning Fee", 4000)],
    total: 34000,
  },
  {
    // ...but does apply on its own dates: $300 - $30 + $40 = $310.
    name: "non-recurring season applies on its exact dates",
    seasons: [season("Nov 2026 Only", "2026-11-01", "2026-11-30", 10, false)],
    checkIn: "2026-11-10", checkOut: "2026-11-13", nights: 3,
    lines: [base("Nightly rate × 3 (3 nights)", 30000), off("Nov 2026 Only (10% off 3 nights)", -3000), fee("Cleaning Fee", 4000)],
    total: 31000,
  },
  // --- overlapping seasons ---
  {
    // Nov 18, 19: Nov only (2 × $10). Nov 20, 21: Nov 10% and Thanksgiving 25% overlap, largest wins
    // (2 × $25, no stacking). Lines ordered by first night, not by input order. $400 - $20 - $50 + $40 = $370.
    name: "overlapping seasons: largest discount wins, no stacking",
    seasons: [season("Thanksgiving Discount", "2026-11-20", "2026-11-30", 25), ...OWNER_SEASONS],
    checkIn: "2026-11-18", checkOut: "2026-11-22", nights: 4,
    lines: [
      base("Nightly rate × 4 (4 nights)", 40000),
      off("Nov Discount (10% off 2 nights)", -2000),
      off("Thanksgiving Discount (25% off 2 nights)", -5000),
      fee("Cleaning Fee", 4000),
    ],
    total: 37000,
  },
  {
    // Equal 10% overlap: the first listed season (Nov Discount) takes both nights: $200 - $20 + $40 = $220.
    name: "overlapping seasons with equal discount: first listed wins",
    seasons: [NOV, season("Early Bird", "2026-11-01", "2026-11-15", 10)],
    checkIn: "2026-11-10", checkOut: "2026-11-12", nights: 2,
    lines: [base("Nightly rate × 2 (2 nights)", 20000), off("Nov Discount (10% off 2 nights)", -2000), fee("Cleaning Fee", 4000)],
    total: 22000,
  },
  // --- fees ---
  {
    // 3 nights $300 + cleaning $40 once + resort $15 × 3 = $45 => $385.
    name: "per-stay and per-night fees",
    fees: [CLEANING, { name: "Resort Fee", amount: 1500, perStay: false }],
    checkIn: "2026-12-10", checkOut: "2026-12-13", nights: 3,
    lines: [base("Nightly rate × 3 (3 nights)", 30000), fee("Cleaning Fee", 4000), fee("Resort Fee (× 3 nights)", 4500)],
    total: 38500,
  },
  {
    // No fees at all: just $100.
    name: "no fees",
    fees: [],
    checkIn: "2026-12-10", checkOut: "2026-12-11", nights: 1,
    lines: [base("Nightly rate × 1 (1 night)", 10000)],
    total: 10000,
  },
  // --- plans with missing tiers ---
  {
    // Nightly only: 10 × $100 = $1,000; + $40.
    name: "plan with only a nightly rate",
    plan: plan({ nightly: 10000 }),
    checkIn: "2026-12-10", checkOut: "2026-12-20", nights: 10,
    lines: [base("Nightly rate × 10 (10 nights)", 100000), fee("Cleaning Fee", 4000)],
    total: 104000,
  },
  {
    // Weekly only, 7 nights: $600 + $40.
    name: "plan with only a weekly rate, 7 nights",
    plan: plan({ weekly: 60000 }),
    checkIn: "2026-12-10", checkOut: "2026-12-17", nights: 7,
    lines: [base("Weekly rate × 1 (7 nights)", 60000), fee("Cleaning Fee", 4000)],
    total: 64000,
  },
  {
    // Weekly only, 14 nights: 2 × $600 + $40.
    name: "plan with only a weekly rate, 14 nights",
    plan: plan({ weekly: 60000 }),
    checkIn: "2026-12-10", checkOut: "2026-12-24", nights: 14,
    lines: [base("Weekly rate × 2 (14 nights)", 120000), fee("Cleaning Fee", 4000)],
    total: 124000,
  },
  {
    // Nightly $50, weekly $600: 10 nightly = $500 beats week + 3 nights = $750; + $40 = $540.
    name: "10 nightly nights cheaper than a week + 3",
    plan: plan({ nightly: 5000, weekly: 60000 }),
    checkIn: "2026-12-10", checkOut: "2026-12-20", nights: 10,
    lines: [base("Nightly rate × 10 (10 nights)", 50000), fee("Cleaning Fee", 4000)],
    total: 54000,
  },
  // --- rounding ---
  {
    // Week of 60001 cents, Nov 28, 29, 30 at 10% and Dec 1-4 none: 60001 × 3 × 10 / 700 = 2571.47 -> 2571.
    // 60001 - 2571 + 4000 = 61430.
    name: "rounding visible: 3 of 7 weekly nights discounted",
    plan: plan({ weekly: 60001 }),
    checkIn: "2026-11-28", checkOut: "2026-12-05", nights: 7,
    lines: [base("Weekly rate × 1 (7 nights)", 60001), off("Nov Discount (10% off 3 nights)", -2571), fee("Cleaning Fee", 4000)],
    total: 61430,
  },
  {
    // One Nov night at 10005 cents: 10% = 1000.5 -> rounds half up to 1001. 10005 - 1001 + 4000 = 13004.
    name: "rounding half up on an exact half cent",
    plan: plan({ nightly: 10005 }),
    checkIn: "2026-11-10", checkOut: "2026-11-11", nights: 1,
    lines: [base("Nightly rate × 1 (1 night)", 10005), off("Nov Discount (10% off 1 night)", -1001), fee("Cleaning Fee", 4000)],
    total: 13004,
  },
  // --- block placement and tie-breaks ---
  {
    // 8 nights Oct 30 -> Nov 7: Oct 30, 31 summer 20%; Nov 1..6 Nov 10%. Week share per night 60000/7.
    //   [week, night]: week Oct 30..Nov 5 (2 × 20% + 5 × 10% = 90 pct-nights): 60000 × 0.9 / 7 = 7714.29 off;
    //                  night Nov 6: 10000 - 1000 = 9000. Net 60000 - 7714.29 + 9000 = 61285.71.
    //   [night, week]: night Oct 30: 10000 - 2000 = 8000; week Oct 31..Nov 6 (20% + 6 × 10% = 80 pct-nights):
    //                  60000 × 0.8 / 7 = 6857.14 off. Net 8000 + 60000 - 6857.14 = 61142.86  <- cheaper.
    //   8 nightly: 80000 - 4000 - 6000 = 70000.
    // DP must pick [night, week] despite the "longer first" tie-break. Lines:
    //   Summer: 2000 (nightly Oct 30) + 60000 × 20 / 700 (week's Oct 31) = 3714.29 -> 3714.
    //   Nov: 60000 × 6 × 10 / 700 = 5142.86 -> 5143.
    //   70000 - 3714 - 5143 + 4000 = 65143.
    name: "block placement: the week goes where the smaller discount is",
    checkIn: "2026-10-30", checkOut: "2026-11-07", nights: 8,
    lines: [
      base("Weekly rate × 1 (7 nights)", 60000),
      base("Nightly rate × 1 (1 night)", 10000),
      off("Summer Discount (20% off 2 nights)", -3714),
      off("Nov Discount (10% off 6 nights)", -5143),
      fee("Cleaning Fee", 4000),
    ],
    total: 65143,
  },
  {
    // Weekly $700 = 7 × $100: equal cost, fewer blocks wins -> one week. $700 + $40.
    name: "tie-break: equal cost prefers fewer blocks",
    plan: plan({ nightly: 10000, weekly: 70000 }),
    checkIn: "2026-12-10", checkOut: "2026-12-17", nights: 7,
    lines: [base("Weekly rate × 1 (7 nights)", 70000), fee("Cleaning Fee", 4000)],
    total: 74000,
  },
  {
    // 8 nights Dec 1..8, every night 10% (two seasons) so [week, night] and [night, week] cost the same
    // ($700 - $70); earlier-longer tie-break puts the week first, which shows in the per-season split:
    //   [week, night]: Early = 5 week nights 60000 × 5 × 10 / 700 = 4285.71 -> 4286;
    //                  Late = 2 week nights 1714.29 + night Dec 8 1000 = 2714.29 -> 2714.
    //   ([night, week] would give Early 1000 + 3428.57 -> 4429, Late 2571.43 -> 2571.)
    //   70000 - 4286 - 2714 + 4000 = 67000.
    name: "tie-break: equal cost and count prefers the longer block first",
    seasons: [season("Early Dec", "2026-12-01", "2026-12-05", 10, false), season("Late Dec", "2026-12-06", "2026-12-31", 10, false)],
    checkIn: "2026-12-01", checkOut: "2026-12-09", nights: 8,
    lines: [
      base("Weekly rate × 1 (7 nights)", 60000),
      base("Nightly rate × 1 (1 night)", 10000),
      off("Early Dec (10% off 5 nights)", -4286),
      off("Late Dec (10% off 3 nights)", -2714),
      fee("Cleaning Fee", 4000),
    ],
    total: 67000,
  },
  // --- longest stay ---
  {
    // 365 nights, nightly only: 365 × $100 = $36,500.
    name: "365 nights is allowed",
    plan: plan({ nightly: 10000 }),
    seasons: [],
    fees: [],
    checkIn: "2026-01-01", checkOut: "2027-01-01", nights: 365,
    lines: [base("Nightly rate × 365 (365 nights)", 3650000)],
    total: 3650000,
  },
  {
    // 365 = 3 × 120 + 5: 3 × $6,000 + 5 × $100 = $18,500 (2 × 4-month + 4 months + 5 nights = $20,500).
    name: "365 nights with every tier",
    seasons: [],
    fees: [],
    checkIn: "2026-01-01", checkOut: "2027-01-01", nights: 365,
    lines: [base("4-month rate × 3 (360 nights)", 1800000), base("Nightly rate × 5 (5 nights)", 50000)],
    total: 1850000,
  },
];

const sumKind = (lines: LineItem[], kind: LineItem["kind"]): number =>
  lines.filter((line) => line.kind === kind).reduce((sum, line) => sum + line.amountCents, 0);

describe("priceStay", () => {
  it("has the required number of cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(24);
  });

  it.each(cases)("$name", (c) => {
    const quote = priceStay({
      plan: c.plan ?? PLAN,
      seasons: c.seasons ?? OWNER_SEASONS,
      fees: c.fees ?? [CLEANING],
      checkIn: c.checkIn,
      checkOut: c.checkOut,
    });
    expect(quote).toEqual({
      nights: c.nights,
      baseCents: sumKind(c.lines, "base"),
      discountCents: 0 - sumKind(c.lines, "discount"),
      feesCents: sumKind(c.lines, "fee"),
      // No taxes given: these cases are the untaxed arithmetic (taxes: price-stay-taxes.test.ts).
      taxCents: 0,
      totalCents: c.total,
      currency: "USD",
      lineItems: c.lines,
      taxLines: [],
    });
  });
});

describe("priceStay errors", () => {
  const errorCases: { name: string; plan: RatePlanData | null; checkIn: string; checkOut: string; code: PricingError["code"] }[] = [
    { name: "null plan", plan: null, checkIn: "2026-12-10", checkOut: "2026-12-11", code: "NO_RATE_PLAN" },
    { name: "0 nights", plan: PLAN, checkIn: "2026-12-10", checkOut: "2026-12-10", code: "INVALID_STAY" },
    { name: "366 nights", plan: PLAN, checkIn: "2026-01-01", checkOut: "2027-01-02", code: "INVALID_STAY" },
    { name: "check-out before check-in", plan: PLAN, checkIn: "2026-12-10", checkOut: "2026-12-05", code: "INVALID_STAY" },
    { name: "impossible date", plan: PLAN, checkIn: "2026-02-30", checkOut: "2026-03-05", code: "INVALID_STAY" },
    { name: "invalid stay is reported before a missing plan", plan: null, checkIn: "2026-12-10", checkOut: "2026-12-10", code: "INVALID_STAY" },
    // 10 = 7 + 3 cannot be made of 7-night blocks only.
    { name: "weekly-only plan, 10 nights", plan: plan({ weekly: 60000 }), checkIn: "2026-12-10", checkOut: "2026-12-20", code: "UNPRICEABLE_STAY" },
    // 29 is not a multiple of 30.
    { name: "monthly-only plan, 29 nights", plan: plan({ monthly: 200000 }), checkIn: "2026-12-01", checkOut: "2026-12-30", code: "UNPRICEABLE_STAY" },
    { name: "plan with no rates at all", plan: plan({}), checkIn: "2026-12-10", checkOut: "2026-12-11", code: "UNPRICEABLE_STAY" },
  ];

  it.each(errorCases)("$name -> $code", ({ plan: p, checkIn, checkOut, code }) => {
    const attempt = () => priceStay({ plan: p, seasons: OWNER_SEASONS, fees: [CLEANING], checkIn, checkOut });
    expect(attempt).toThrow(PricingError);
    try {
      attempt();
    } catch (error) {
      expect((error as PricingError).code).toBe(code);
    }
  });

  it.each([
    { name: "price too large for exact arithmetic", plan: plan({ nightly: Number.MAX_SAFE_INTEGER }), seasons: [] },
    { name: "fractional cents", plan: plan({ nightly: 100.5 }), seasons: [] },
    { name: "fractional discount percent", plan: PLAN, seasons: [season("Odd", "2026-12-01", "2026-12-31", 12.5)] },
    { name: "invalid season date", plan: PLAN, seasons: [season("Bad", "2026-02-30", "2026-03-31", 10)] },
  ])("rejects bad configuration: $name", ({ plan: p, seasons }) => {
    expect(() => priceStay({ plan: p, seasons, fees: [], checkIn: "2026-12-10", checkOut: "2026-12-11" })).toThrow(RangeError);
  });
});

describe("priceStay invariants", () => {
  it("line items always sum to the total (every start day of 2026, 1..60 nights)", () => {
    const fees: FeeData[] = [CLEANING, { name: "Resort Fee", amount: 1537, perStay: false }];
    const odd = { ...PLAN, nightly: 10003, weekly: 60001, monthly: 200011 };
    const overlapping = [...OWNER_SEASONS, season("Thanksgiving Discount", "2026-11-20", "2026-11-30", 25)];
    let checkedStays = 0;
    for (let day = 0; day < 365; day++) {
      const checkIn = addDays("2026-01-01", day);
      for (let nights = 1; nights <= 60; nights++) {
        const quote = priceStay({ plan: odd, seasons: overlapping, fees, checkIn, checkOut: addDays(checkIn, nights) });
        const sum = quote.lineItems.reduce((total, line) => total + line.amountCents, 0);
        const baseNights = quote.lineItems
          .filter((line) => line.kind === "base")
          .reduce((total, line) => total + Number(/\((\d+) nights?\)$/.exec(line.label)?.[1]), 0);
        if (
          sum !== quote.totalCents ||
          quote.baseCents - quote.discountCents + quote.feesCents !== quote.totalCents ||
          baseNights !== nights ||
          quote.nights !== nights ||
          quote.discountCents < 0 ||
          !quote.lineItems.every((line) => Number.isSafeInteger(line.amountCents))
        ) {
          expect.fail(`invariant broken for ${checkIn} + ${nights} nights: ${JSON.stringify(quote)}`);
        }
        checkedStays++;
      }
    }
    expect(checkedStays).toBe(365 * 60);
  }, 120_000); // 21,900 stays: CPU-bound, slow on a loaded machine; correctness, not speed, is asserted

  it("exposes the tier lengths", () => {
    expect(TIER_NIGHTS).toEqual({ nightly: 1, weekly: 7, monthly: 30, fourMonth: 120 });
  });
});
