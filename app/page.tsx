import Link from "next/link";
import { redirect } from "next/navigation";
import { listUnits } from "@/lib/site/api";
import { formatMoney, unitTypeLabel, plural } from "@/lib/site/format";
import { UnitPhoto } from "@/components/unit-photo";

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

export default async function Home({ searchParams }: { searchParams: SearchParams }) {
  // Chatbot deep links may point at the home page: /?unitId=essex&checkIn=...&checkOut=...
  const unitId = typeof searchParams.unitId === "string" ? searchParams.unitId : undefined;
  if (unitId && /^[A-Za-z0-9_-]{1,64}$/.test(unitId)) {
    const qs = new URLSearchParams();
    for (const key of ["checkIn", "checkOut", "guests"]) {
      const v = searchParams[key];
      if (typeof v === "string") qs.set(key, v);
    }
    redirect(`/units/${encodeURIComponent(unitId)}${qs.toString() ? `?${qs.toString()}` : ""}`);
  }

  const result = await listUnits();

  return (
    <>
      <section className="hero">
        <h1>Stay a night, a week or the whole winter</h1>
        <p>Cottages, park-model trailers and RV sites a short walk from the pool. Live availability, instant prices, secure checkout.</p>
      </section>
      <section id="stays" aria-labelledby="stays-title">
        <h2 id="stays-title">Our stays</h2>
        {!result.ok ? (
          <div className="notice notice-error" role="alert">
            We could not load the stays right now. Please refresh the page in a moment.
          </div>
        ) : result.data.length === 0 ? (
          <div className="notice">No stays are open for booking at the moment. Please check back soon.</div>
        ) : (
          <ul className="unit-grid">
            {result.data.map((unit) => (
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
