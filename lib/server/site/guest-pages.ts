import "server-only";
import { cache } from "react";
import { unstable_cache } from "next/cache";
import { PHASE_PRODUCTION_BUILD } from "next/constants";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/server/errors";
import { getPropertyInfo, type PropertyInfo } from "@/lib/server/property/get-property-info";
import { getUnit } from "@/lib/server/units/get-unit";
import { listUnits } from "@/lib/server/units/list-units";
import { toSiteUnit, type SiteUnitDetails } from "@/lib/site/types";
import { property as propertyDefaults } from "@/prisma/data/property";

// What the cached guest pages read, straight from the services (no loopback HTTP). Each loader
// is wrapped in React's cache() so generateMetadata and the page share one set of queries.
//
// `next build` prerenders the home page. Some builds run without a database (a Vercel build
// with the database on a private network, a CI build): there a failed read renders the page
// without its data and caps that page's cache life at BUILD_FALLBACK_SECONDS, so the first
// requests after the deploy render it again from the database. At run time a failed read is
// thrown instead: Next keeps serving the last good page and tries again on the next request.

/** Revalidation safety net for edits made outside the app (seed, SQL): ten minutes. */
export const GUEST_PAGE_REVALIDATE_SECONDS = 600;
const BUILD_FALLBACK_SECONDS = 10;

// Next sets NEXT_PHASE in the build workers; it is not part of the app's configuration.
const isBuildPhase = () => process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD;

async function buildFallback<T>(what: string, value: T): Promise<T> {
  // unstable_cache lowers the page's revalidate to its own: the only per-render knob Next 14 has.
  await unstable_cache(async () => what, ["guest-pages-build-fallback", what], { revalidate: BUILD_FALLBACK_SECONDS })();
  return value;
}

/** The site's public origin (ORIGIN), without a trailing slash; for canonical URLs and feeds. */
export function siteOrigin(): string {
  try {
    return getEnv().ORIGIN.replace(/\/+$/, "");
  } catch (error) {
    // Only a build without the run-time configuration gets here; a server refuses to start.
    if (isBuildPhase()) return "http://localhost:3000";
    throw error;
  }
}

/** The active units for the home page; null only when a build could not reach the database. */
export const loadGuestUnits = cache(async (): Promise<SiteUnitDetails[] | null> => {
  try {
    const units = await listUnits();
    return units.map(toSiteUnit).filter((u): u is SiteUnitDetails => u !== null);
  } catch (error) {
    if (isBuildPhase()) return buildFallback("units", null);
    throw error;
  }
});

export type GuestUnit = SiteUnitDetails & {
  /** The plain nightly rate in cents (fromNightlyCents may be lower: a long-stay rate). */
  nightlyCents: number | null;
};

/** One active unit by slug or id; null when there is no such active unit. */
export const loadGuestUnit = cache(async (ref: string): Promise<GuestUnit | null> => {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(ref)) return null;
  try {
    const unit = await getUnit({ unitRef: ref });
    const site = toSiteUnit(unit);
    return site && { ...site, nightlyCents: unit.rates?.nightly ?? null };
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
});

/** The property's name, address and times; the shipped defaults when a build has no database. */
export const loadPropertyInfo = cache(async (): Promise<PropertyInfo> => {
  try {
    return await getPropertyInfo();
  } catch (error) {
    if (!isBuildPhase()) throw error;
    return buildFallback("property", {
      name: propertyDefaults.name,
      address: {
        line1: propertyDefaults.addressLine1,
        line2: propertyDefaults.addressLine2,
        city: propertyDefaults.city,
        region: propertyDefaults.region,
        postalCode: propertyDefaults.postalCode,
        country: propertyDefaults.country,
      },
      phone: propertyDefaults.phone,
      email: propertyDefaults.email,
      timezone: "America/New_York",
      checkInTime: "15:00",
      checkOutTime: "11:00",
      arrivalInstructions: propertyDefaults.arrivalInstructions,
    });
  }
});
