import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { formatMoney, plural, unitTypeLabel } from "@/lib/site/format";
import { jsonLdText, unitJsonLd } from "@/lib/site/structured-data";
import { GUEST_PAGE_REVALIDATE_SECONDS, loadGuestUnit, loadPropertyInfo, siteOrigin } from "@/lib/server/site/guest-pages";
import { UnitPhoto } from "@/components/unit-photo";
import { LinkedBookingCard } from "@/components/linked-booking-card";
import { LinkRedirect } from "@/components/link-redirect";
import { now as clockNow } from "@/lib/clock";
import { todayIn } from "@/lib/dates";

// Rendered on the first request for a unit and then served from the cache until the owner
// changes a unit, rate or photo (revalidateGuestPages) or the safety-net interval passes. The
// page never reads the query string: the booking card takes a shared link's dates in the browser.
export const revalidate = GUEST_PAGE_REVALIDATE_SECONDS;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  // Nothing at build time: builds may run without a database. Each unit renders on first request.
  return [];
}

type Props = { params: { slug: string } };

const MAX_STAY_NIGHTS = 365; // the API's limit (lib/api/schemas/common.ts)

function describe(unit: NonNullable<Awaited<ReturnType<typeof loadGuestUnit>>>): string {
  const facts = [unitTypeLabel(unit.type), `sleeps ${unit.capacity}`];
  if (unit.beds != null) facts.push(plural(unit.beds, "bed"));
  if (unit.baths != null) facts.push(plural(unit.baths, "bath"));
  if (unit.fromNightlyCents != null) facts.push(`from ${formatMoney(unit.fromNightlyCents, unit.currency)} a night`);
  const lead = `${facts.join(", ")}. Live availability and instant prices; book online.`;
  return unit.description ? `${unit.description} ${lead}`.slice(0, 300) : lead;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const unit = await loadGuestUnit(params.slug);
  if (!unit) return { title: "Stay not found", robots: { index: false } };
  const origin = siteOrigin();
  const url = `${origin}/units/${unit.slug}`;
  const description = describe(unit);
  const image = unit.photos[0] ?? unit.photo ?? "/images/units/cottage.svg";
  const imageUrl = image.startsWith("/") ? `${origin}${image}` : image;
  return {
    title: unit.name,
    description,
    alternates: { canonical: url },
    openGraph: {
      type: "website",
      url,
      title: unit.name,
      description,
      siteName: "Palm Aire Court",
      images: [{ url: imageUrl, alt: `${unit.name}, ${unitTypeLabel(unit.type)}` }],
    },
    twitter: { card: "summary_large_image", title: unit.name, description, images: [imageUrl] },
  };
}

export default async function UnitPage({ params }: Props) {
  const [unit, property] = await Promise.all([loadGuestUnit(params.slug), loadPropertyInfo()]);
  if (!unit) notFound();
  const path = `/units/${unit.slug}`;
  const origin = siteOrigin();

  return (
    <div className="unit-layout">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(unitJsonLd(unit, property, origin)) }} />
      <LinkRedirect unit={{ path, refs: [unit.id, unit.slug] }} />
      <div className="unit-intro">
        <UnitPhoto src={unit.photos[0] ?? unit.photo} type={unit.type} alt={`${unit.name}, ${unitTypeLabel(unit.type)}`} className="unit-hero" />
        <h1>{unit.name}</h1>
        <p className="unit-type">{unitTypeLabel(unit.type)}</p>
        <p className="unit-facts">
          <span>Sleeps {unit.capacity}</span>
          {unit.beds != null && <span>{plural(unit.beds, "bed")}</span>}
          {unit.baths != null && <span>{plural(unit.baths, "bath")}</span>}
          {unit.fromNightlyCents != null && (
            <span data-testid="from-price">
              from <strong>{formatMoney(unit.fromNightlyCents, unit.currency)}</strong>/night
            </span>
          )}
        </p>
        {unit.description && <p className="unit-description">{unit.description}</p>}
      </div>
      <aside className="unit-aside" aria-label="Book this stay">
        <LinkedBookingCard
          unit={{ id: unit.id, slug: unit.slug, name: unit.name, capacity: unit.capacity, petFriendly: unit.petFriendly }}
          timeZone={property.timezone}
          today={todayIn(property.timezone, clockNow())}
          maxNights={MAX_STAY_NIGHTS}
        />
      </aside>
      <div className="unit-more">
        {unit.features.length > 0 && (
          <section aria-labelledby="features-title">
            <h2 id="features-title">Highlights</h2>
            <ul className="chips">
              {unit.features.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          </section>
        )}
        {unit.amenities.length > 0 && (
          <section aria-labelledby="amenities-title">
            <h2 id="amenities-title">Amenities</h2>
            <ul className="amenities">
              {unit.amenities.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          </section>
        )}
        <p className="muted small">Weekly (7 nights), monthly (30 nights) and four-month (120 nights) stays get lower rates automatically.</p>
      </div>
    </div>
  );
}
