// schema.org JSON-LD for the guest pages, built from plain data (pure, so it is unit-tested).
// The property is a LodgingBusiness; each unit is a VacationRental (a LodgingBusiness of its own,
// which carries the address, check-in/out times and priceRange) containing one Accommodation
// (occupancy, bedrooms, bathrooms, amenities), the shape search engines read for rentals.

export interface PropertyFacts {
  name: string;
  address: { line1: string; line2: string | null; city: string; region: string; postalCode: string; country: string };
  phone: string;
  email: string;
  /** "HH:MM", property time. */
  checkInTime: string;
  checkOutTime: string;
}

export interface UnitFacts {
  slug: string;
  name: string;
  description: string | null;
  capacity: number;
  beds: number | null;
  baths: number | null;
  amenities: string[];
  features: string[];
  photos: string[];
  /** Lowest price per night over all stay lengths, and the plain nightly rate, in cents. */
  fromNightlyCents: number | null;
  nightlyCents: number | null;
  currency: string;
}

type JsonLd = Record<string, unknown>;

function postalAddress(a: PropertyFacts["address"]): JsonLd {
  return {
    "@type": "PostalAddress",
    streetAddress: a.line2 ? `${a.line1}, ${a.line2}` : a.line1,
    addressLocality: a.city,
    addressRegion: a.region,
    postalCode: a.postalCode,
    addressCountry: a.country,
  };
}

/** Whole currency units without cents when round ("$85", "$84.50"). */
function money(cents: number, currency: string): string {
  const fractionDigits = cents % 100 === 0 ? 0 : 2;
  return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(cents / 100);
}

/** "$45 – $85 per night", or "$85 per night" when both ends are equal; undefined without prices. */
export function priceRange(cents: (number | null)[], currency: string): string | undefined {
  const known = cents.filter((c): c is number => c !== null);
  if (known.length === 0) return undefined;
  const low = Math.min(...known);
  const high = Math.max(...known);
  return low === high ? `${money(low, currency)} per night` : `${money(low, currency)} – ${money(high, currency)} per night`;
}

function absolute(origin: string, pathOrUrl: string): string {
  return /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${origin}${pathOrUrl.startsWith("/") ? "" : "/"}${pathOrUrl}`;
}

/** The property as a LodgingBusiness, for the home page. */
export function propertyJsonLd(p: PropertyFacts, origin: string, units: Pick<UnitFacts, "fromNightlyCents" | "nightlyCents" | "currency">[]): JsonLd {
  const currency = units[0]?.currency ?? "USD";
  return {
    "@context": "https://schema.org",
    "@type": "LodgingBusiness",
    "@id": `${origin}/#property`,
    name: p.name,
    url: `${origin}/`,
    telephone: p.phone,
    email: p.email,
    address: postalAddress(p.address),
    checkinTime: p.checkInTime,
    checkoutTime: p.checkOutTime,
    priceRange: priceRange(units.flatMap((u) => [u.fromNightlyCents, u.nightlyCents]), currency),
  };
}

/** One unit as a VacationRental containing its Accommodation, for the unit page. */
export function unitJsonLd(u: UnitFacts, p: PropertyFacts, origin: string): JsonLd {
  const url = `${origin}/units/${u.slug}`;
  const amenities = [...u.amenities, ...u.features];
  return {
    "@context": "https://schema.org",
    "@type": "VacationRental",
    "@id": `${url}#rental`,
    name: u.name,
    url,
    description: u.description ?? undefined,
    image: u.photos.map((photo) => absolute(origin, photo)),
    address: postalAddress(p.address),
    telephone: p.phone,
    checkinTime: p.checkInTime,
    checkoutTime: p.checkOutTime,
    priceRange: priceRange([u.fromNightlyCents, u.nightlyCents], u.currency),
    containedInPlace: { "@type": "LodgingBusiness", "@id": `${origin}/#property`, name: p.name },
    containsPlace: {
      "@type": "Accommodation",
      name: u.name,
      occupancy: { "@type": "QuantitativeValue", maxValue: u.capacity, unitText: "guests" },
      ...(u.beds != null ? { numberOfBedrooms: u.beds } : {}),
      ...(u.baths != null ? { numberOfBathroomsTotal: u.baths } : {}),
      amenityFeature: amenities.map((name) => ({ "@type": "LocationFeatureSpecification", name, value: true })),
    },
  };
}

/**
 * The JSON for a <script type="application/ld+json">: "<" is escaped so no text from the
 * database (a unit description with "</script>") can end the script element.
 */
export function jsonLdText(data: JsonLd): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}
