// Palm Aire Court rates, units, seasons and fees: the starting data of a new database.
//
// All money is in US cents (16500 = $165.00). A tier left as null is simply not offered.
// Tiers: weekly = 7 nights, monthly = 30 nights, fourMonth = 120 nights (a winter season).
// `npm run db:seed` creates what is missing and never overwrites a row (the owner edits rates in
// the owner console afterwards); a unit added here appears on the next seed.
//
// The Phase-1 figures were not available; these are realistic 2026 figures for small
// Gulf-coast Florida cottages, trailers and RV sites, to be replaced by the owner's own.

// The server warns at every production start while this is true (docs/deployment.md):
// set it to false once the figures below are your own.
export const placeholderRates = true;

export type UnitTypeName = "TRAILER" | "COTTAGE_1BR" | "COTTAGE_2BR" | "RV_SITE";

export interface Rates {
  nightly: number | null;
  weekly: number | null;
  monthly: number | null;
  fourMonth: number | null;
}

export interface UnitSeed {
  slug: string;
  name: string;
  type: UnitTypeName;
  capacity: number;
  beds: number | null;
  baths: number | null;
  description: string;
  amenities: string[];
  features: string[];
  photos: string[];
  /** The unit's own plan; null means it uses its category's plan below. */
  rates: Rates | null;
  /** Accepts up to two pets (each pays the Pet Fee). Default false. */
  petFriendly?: boolean;
  /** Days kept free after each check-out for cleaning (no check-in on them). Default 0. */
  turnoverDays?: number;
}

const cottageAmenities = ["Wi-Fi", "Air conditioning", "Full kitchen", "Linens and towels", "Smart TV", "Free parking"];

export const units: UnitSeed[] = [
  {
    slug: "essex",
    name: "Essex",
    type: "COTTAGE_2BR",
    capacity: 5,
    beds: 2,
    baths: 1,
    description: "A bright two-bedroom cottage with a screened porch, steps from the pool.",
    amenities: [...cottageAmenities, "Washer and dryer"],
    features: ["Screened porch", "Near the pool", "Pet friendly"],
    photos: ["/images/units/cottage.svg"],
    rates: { nightly: 16500, weekly: 99000, monthly: 320000, fourMonth: 1140000 },
    petFriendly: true,
  },
  {
    slug: "view",
    name: "View",
    type: "COTTAGE_1BR",
    capacity: 3,
    beds: 1,
    baths: 1,
    description: "A one-bedroom cottage with a west-facing deck for sunsets over the water.",
    amenities: cottageAmenities,
    features: ["Sunset deck", "Water view"],
    photos: ["/images/units/cottage.svg"],
    rates: { nightly: 13500, weekly: 81000, monthly: 260000, fourMonth: 920000 },
  },
  {
    slug: "9606-2br",
    name: "9606-2BR",
    type: "COTTAGE_2BR",
    capacity: 5,
    beds: 2,
    baths: 2,
    description: "Two bedrooms and two baths, updated kitchen, covered parking.",
    amenities: [...cottageAmenities, "Washer and dryer", "Dishwasher"],
    features: ["Two full baths", "Covered parking"],
    photos: ["/images/units/cottage.svg"],
    rates: { nightly: 17500, weekly: 105000, monthly: 340000, fourMonth: 1200000 },
  },
  {
    slug: "9608-1br",
    name: "9608-1BR",
    type: "COTTAGE_1BR",
    capacity: 3,
    beds: 1,
    baths: 1,
    description: "A quiet one-bedroom cottage at the back of the court, with a garden patio.",
    amenities: cottageAmenities,
    features: ["Garden patio", "Quiet location"],
    photos: ["/images/units/cottage.svg"],
    rates: { nightly: 12500, weekly: 75000, monthly: 240000, fourMonth: 860000 },
  },
  {
    slug: "9618-2br",
    name: "9618-2BR",
    type: "COTTAGE_2BR",
    capacity: 6,
    beds: 2,
    baths: 2,
    description: "The largest cottage: two bedrooms, two baths and a sleeper sofa, with a grill.",
    amenities: [...cottageAmenities, "Washer and dryer", "Dishwasher", "Gas grill"],
    features: ["Sleeps six", "Private grill", "Pet friendly"],
    photos: ["/images/units/cottage.svg"],
    rates: { nightly: 18500, weekly: 111000, monthly: 360000, fourMonth: 1280000 },
    petFriendly: true,
  },
  ...[1, 2, 3].map(
    (n): UnitSeed => ({
      slug: `trailer-0${n}`,
      name: `Trailer-0${n}`,
      type: "TRAILER",
      capacity: 4,
      beds: 1,
      baths: 1,
      description: "A furnished park-model trailer with air conditioning and a shaded patio.",
      amenities: ["Wi-Fi", "Air conditioning", "Kitchenette", "Linens and towels"],
      features: ["Shaded patio"],
      photos: ["/images/units/trailer.svg"],
      rates: null,
    }),
  ),
  ...[1, 2, 3].map(
    (n): UnitSeed => ({
      slug: `rv-0${n}`,
      name: `RV-0${n}`,
      type: "RV_SITE",
      capacity: 6,
      beds: null,
      baths: null,
      description: "A level, shaded RV site with full hook-ups (30/50 amp, water, sewer).",
      amenities: ["Wi-Fi", "30/50 amp power", "Water and sewer hook-ups", "Laundry room access"],
      features: ["Full hook-ups", "Pull-through"],
      photos: ["/images/units/rv-site.svg"],
      rates: null,
    }),
  ),
];

/** Category-wide plans, used by every unit of that type without a plan of its own. */
export const categoryRates: Partial<Record<UnitTypeName, Rates>> = {
  TRAILER: { nightly: 8900, weekly: 53500, monthly: 165000, fourMonth: 580000 },
  RV_SITE: { nightly: 5500, weekly: 33000, monthly: 95000, fourMonth: 340000 },
};

export const currency = "USD";

/**
 * Seasonal discounts. recursAnnually: true means the month/day span applies every year (the
 * year written here does not matter). Where seasons overlap, the larger discount applies.
 */
export const seasons = [
  { name: "Nov Discount", startDate: "2026-11-01", endDate: "2026-11-30", discountPct: 10, recursAnnually: true },
  { name: "Apr Discount", startDate: "2026-04-01", endDate: "2026-04-30", discountPct: 10, recursAnnually: true },
  { name: "Summer Discount", startDate: "2026-05-01", endDate: "2026-10-31", discountPct: 20, recursAnnually: true },
];

/**
 * Fees: perStay true = once per stay; false = per night. appliesTo "PET": charged only to stays
 * with pets, once per pet (pet-friendly units only). Which taxes apply to a fee: prisma/data/taxes.ts.
 */
export const fees: Array<{ name: string; amount: number; perStay: boolean; appliesTo: "STAY" | "PET" }> = [
  { name: "Cleaning Fee", amount: 4000, perStay: true, appliesTo: "STAY" },
  { name: "Pet Fee", amount: 2500, perStay: true, appliesTo: "PET" },
];
