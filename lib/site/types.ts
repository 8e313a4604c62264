import type { z } from "zod";
import type { unavailableRange } from "@/lib/api/schemas/availability";
import type { quoteResponse } from "@/lib/api/schemas/quote";
import type { alternative } from "@/lib/api/schemas/common";
import type { searchResult } from "@/lib/api/schemas/search";
import type { ErrorBody } from "@/lib/server/errors";

// Shapes of the public API's answers as the guest site uses them (type-only imports of the API's
// own schemas, so nothing server-side reaches the browser bundle). Kept loose where the API
// contract allows variants (a unit may carry `photo` or `photos`), and normalised in one place.

export type UnitTypeName = "TRAILER" | "COTTAGE_1BR" | "COTTAGE_2BR" | "RV_SITE";

export interface SiteUnit {
  id: string;
  slug: string;
  name: string;
  type: UnitTypeName | string;
  capacity: number;
  beds: number | null;
  baths: number | null;
  photo: string | null;
  fromNightlyCents: number | null;
  currency: string;
}

export interface SiteUnitDetails extends SiteUnit {
  description: string | null;
  amenities: string[];
  features: string[];
  photos: string[];
  petFriendly: boolean;
}

/** One stay offered instead of a refused one (error.details.alternatives, availability.alternatives). */
export type StayAlternative = z.output<typeof alternative>;

/** The stay rules of a run of check-in days (GET /api/v1/availability arrivalRules). */
export interface ArrivalRun {
  start: string;
  end: string;
  checkIn: boolean;
  minNights: number;
  maxNights: number | null;
}

/** A search hit (GET /api/v1/search). */
export type SearchHit = z.output<typeof searchResult>;

/** An answer of GET /api/v1/availability lists these. */
export type UnavailableRange = z.output<typeof unavailableRange>;

/** The answer of POST /api/v1/quote, typed from the schema the route validates its answer with. */
export type Quote = z.output<typeof quoteResponse>;

export type ApiErrorBody = ErrorBody;

/** A checkout the unit page hands to /checkout through sessionStorage (never through the URL). */
export interface CheckoutSession {
  holdId: string;
  paymentIntentId: string;
  clientSecret: string;
  amountCents: number;
  currency: string;
  expiresAt: string;
  unit: { slug: string; name: string };
  checkIn: string;
  checkOut: string;
  /** The party on the hold (from the unit page, or from checkout for a chatbot's hold). */
  guests?: number;
  pets?: number;
  /** The cancellation policy in plain words, as the server stated it for this checkout. */
  cancellationPolicy?: string[];
}

export type BookingStatus =
  | { status: "processing" }
  | { status: "failed"; reason?: string }
  | {
      status: "confirmed" | "refunded" | "cancelled";
      booking?: { id: string; code: string; unitName: string; unitSlug: string; checkIn: string; checkOut: string; totalCents: number; taxCents: number; currency: string; guests: number | null; pets: number };
    };

export const checkoutStorageKey = (holdId: string) => `pac:checkout:${holdId}`;

function str(v: unknown): string | null {
  return typeof v === "string" && v.length > 0 ? v : null;
}
function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** Normalises one unit of GET /units or GET /units/[idOrSlug]. */
export function toSiteUnit(raw: unknown): SiteUnitDetails | null {
  if (!raw || typeof raw !== "object") return null;
  const u = raw as Record<string, unknown>;
  const id = str(u.id);
  const slug = str(u.slug);
  const name = str(u.name);
  if (!id || !slug || !name) return null;
  const photos = strings(u.photos);
  const photo = str(u.photo) ?? photos[0] ?? null;
  const rates = (u.rates && typeof u.rates === "object" ? u.rates : {}) as Record<string, unknown>;
  return {
    id,
    slug,
    name,
    type: str(u.type) ?? "",
    capacity: num(u.capacity) ?? 1,
    beds: num(u.beds),
    baths: num(u.baths),
    photo,
    photos: photos.length > 0 ? photos : photo ? [photo] : [],
    fromNightlyCents: num(u.fromNightlyCents) ?? num(rates.nightly) ?? num(rates.nightlyCents),
    currency: str(u.currency) ?? str(rates.currency) ?? "USD",
    description: str(u.description),
    amenities: strings(u.amenities),
    features: strings(u.features),
    petFriendly: u.petFriendly === true,
  };
}
