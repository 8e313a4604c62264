// Lodging taxes: THE file the owner edits to match the property's county (then `npm run db:seed`).
//
// Florida taxes the whole rental charge of a transient stay (six months or less), including
// charges the guest must pay to stay such as cleaning and pet fees (Florida Administrative Code
// 12A-1.061); this covers cottages, trailer courts and RV parks alike. Stays longer than
// maxStayNights (182 nights) are exempt.
//
// PLACEHOLDERS: the state rate (6%) is Florida's; the county discretionary sales surtax and the
// county tourist development tax below (1% and 5%) are typical values, NOT this county's. Look
// up the county's current rates (Florida Department of Revenue, form DR-15DSS and the county's
// tourist tax office) and correct them before taking bookings.
//
// rateBps: basis points (600 = 6%). appliesToFees: names of fees (prisma/data/rates.ts) the tax
// also applies to. A rate change: set effectiveTo (last day, inclusive) on the old row and add a
// row with a new code and effectiveFrom; a stay across the change is taxed night by night.

export interface TaxSeed {
  code: string;
  name: string;
  rateBps: number;
  appliesToNightly: boolean;
  appliesToFees: string[];
  maxStayNights: number | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
}

/** Florida's transient limit: a stay of more nights than this is a lease, exempt from these taxes. */
export const TRANSIENT_LIMIT_NIGHTS = 182;

const lodging = { appliesToNightly: true, appliesToFees: ["Cleaning Fee", "Pet Fee"], maxStayNights: TRANSIENT_LIMIT_NIGHTS, effectiveFrom: null, effectiveTo: null };

export const taxes: TaxSeed[] = [
  { code: "fl-state-sales", name: "Florida sales tax", rateBps: 600, ...lodging },
  { code: "county-surtax", name: "County discretionary surtax", rateBps: 100, ...lodging },
  { code: "county-tdt", name: "Tourist development tax", rateBps: 500, ...lodging },
];
