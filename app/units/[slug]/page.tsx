import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getUnit } from "@/lib/site/api";
import { formatMoney, plural, unitTypeLabel } from "@/lib/site/format";
import { UnitPhoto } from "@/components/unit-photo";
import { BookingCard } from "@/components/booking-card";
import { now as clockNow } from "@/lib/clock";
import { todayIn } from "@/lib/dates";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

type Props = { params: { slug: string }; searchParams: Record<string, string | string[] | undefined> };

const MAX_STAY_NIGHTS = 365; // the API's limit (lib/api/schemas/common.ts)

function param(sp: Props["searchParams"], key: string): string | undefined {
  const v = sp[key];
  return typeof v === "string" ? v : undefined;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const res = await getUnit(params.slug);
  return { title: res.ok && res.data ? res.data.name : "Stay not found" };
}

export default async function UnitPage({ params, searchParams }: Props) {
  const res = await getUnit(params.slug);
  if (!res.ok) {
    return (
      <div className="notice notice-error" role="alert">
        We could not load this stay right now. Please refresh the page in a moment.
      </div>
    );
  }
  const unit = res.data;
  if (!unit) notFound();
  // A chatbot link may name the unit by id (/units/<id>) or pass ?unitId=: show the slug URL.
  const linkedUnit = param(searchParams, "unitId");
  const otherUnit = linkedUnit && linkedUnit !== unit.id && linkedUnit.toLowerCase() !== unit.slug ? linkedUnit : null;
  if (otherUnit || params.slug !== unit.slug) {
    const qs = new URLSearchParams();
    for (const key of ["checkIn", "checkOut", "guests"]) {
      const v = param(searchParams, key);
      if (v) qs.set(key, v);
    }
    const target = otherUnit && /^[A-Za-z0-9_-]{1,64}$/.test(otherUnit) ? encodeURIComponent(otherUnit) : unit.slug;
    redirect(`/units/${target}${qs.toString() ? `?${qs.toString()}` : ""}`);
  }

  const today = todayIn(env.PROPERTY_TIMEZONE, clockNow());
  const guests = Number(param(searchParams, "guests"));

  return (
    <div className="unit-layout">
      <div className="unit-intro">
        <UnitPhoto src={unit.photos[0] ?? unit.photo} type={unit.type} alt={`${unit.name}, ${unitTypeLabel(unit.type)}`} className="unit-hero" />
        <h1>{unit.name}</h1>
        <p className="unit-type">{unitTypeLabel(unit.type)}</p>
        <p className="unit-facts">
          <span>Sleeps {unit.capacity}</span>
          {unit.beds != null && <span>{plural(unit.beds, "bed")}</span>}
          {unit.baths != null && <span>{plural(unit.baths, "bath")}</span>}
          {unit.fromNightlyCents != null && (
            <span>
              from <strong>{formatMoney(unit.fromNightlyCents, unit.currency)}</strong>/night
            </span>
          )}
        </p>
        {unit.description && <p className="unit-description">{unit.description}</p>}
      </div>
      <aside className="unit-aside" aria-label="Book this stay">
        <BookingCard
          unit={{ id: unit.id, slug: unit.slug, name: unit.name, capacity: unit.capacity, petFriendly: unit.petFriendly }}
          today={today}
          maxNights={MAX_STAY_NIGHTS}
          initialCheckIn={param(searchParams, "checkIn")}
          initialCheckOut={param(searchParams, "checkOut")}
          initialGuests={Number.isInteger(guests) && guests >= 1 ? Math.min(guests, unit.capacity) : undefined}
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
