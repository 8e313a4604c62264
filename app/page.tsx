import type { Metadata } from "next";
import Link from "next/link";
import { formatMoney, unitTypeLabel, plural } from "@/lib/site/format";
import { jsonLdText, propertyJsonLd } from "@/lib/site/structured-data";
import { GUEST_PAGE_REVALIDATE_SECONDS, loadGuestUnits, loadPropertyInfo, siteOrigin } from "@/lib/server/site/guest-pages";
import { UnitPhoto } from "@/components/unit-photo";
import { LinkRedirect } from "@/components/link-redirect";
import { StaySearch } from "@/components/stay-search";
import { todayIn } from "@/lib/dates";

// Rendered once and served from the cache; revalidateGuestPages() renders it again after the
// owner changes a unit, rate or photo. Chatbot deep links (/?unitId=…) are forwarded in the
// browser by LinkRedirect, since the cached page is the same for every query string.
export const revalidate = GUEST_PAGE_REVALIDATE_SECONDS;

const DESCRIPTION =
  "Cottages, park-model trailers and RV sites in Fort Myers, Florida, by the night, week, month or winter season. Live availability, instant prices, secure booking.";

export async function generateMetadata(): Promise<Metadata> {
  const origin = siteOrigin();
  const image = `${origin}/images/units/cottage.svg`;
  return {
    title: { absolute: "Palm Aire Court · Cottages, trailers and RV sites in Florida" },
    description: DESCRIPTION,
    alternates: { canonical: `${origin}/` },
    openGraph: { type: "website", url: `${origin}/`, siteName: "Palm Aire Court", title: "Palm Aire Court", description: DESCRIPTION, images: [{ url: image }] },
    twitter: { card: "summary_large_image", title: "Palm Aire Court", description: DESCRIPTION, images: [image] },
  };
}

export default async function Home() {
  const [units, property] = await Promise.all([loadGuestUnits(), loadPropertyInfo()]);
  const origin = siteOrigin();
  const jsonLd = propertyJsonLd(
    property,
    origin,
    (units ?? []).map((u) => ({ fromNightlyCents: u.fromNightlyCents, nightlyCents: null, currency: u.currency })),
  );

  return (
    <>
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(jsonLd) }} />
      <LinkRedirect />
      <section className="hero">
        <h1>Stay a night, a week or the whole winter</h1>
        <p>Cottages, park-model trailers and RV sites a short walk from the pool. Live availability, instant prices, secure checkout.</p>
        <StaySearch timeZone={property.timezone} today={todayIn(property.timezone)} />
      </section>
      <section id="stays" aria-labelledby="stays-title">
        <h2 id="stays-title">Our stays</h2>
        {units === null ? (
          <div className="notice notice-error" role="alert">
            We could not load the stays right now. Please refresh the page in a moment.
          </div>
        ) : units.length === 0 ? (
          <div className="notice">No stays are open for booking at the moment. Please check back soon.</div>
        ) : (
          <ul className="unit-grid">
            {units.map((unit) => (
              <li key={unit.id} className="unit-card">
                <UnitPhoto src={unit.photo} type={unit.type} alt="" />
                <div className="unit-card-body">
                  <h3>
                    <Link href={`/units/${unit.slug}`} className="stretched-link">
                      {unit.name}
                    </Link>
                  </h3>
                  <p className="unit-type">{unitTypeLabel(unit.type)}</p>
                  <p className="unit-facts">
                    <span>Sleeps {unit.capacity}</span>
                    {unit.beds != null && <span>{plural(unit.beds, "bed")}</span>}
                    {unit.baths != null && <span>{plural(unit.baths, "bath")}</span>}
                  </p>
                  <p className="unit-price">
                    {unit.fromNightlyCents != null ? (
                      <>
                        from <strong>{formatMoney(unit.fromNightlyCents, unit.currency)}</strong>/night
                      </>
                    ) : (
                      "Price on request"
                    )}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
