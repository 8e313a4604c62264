import Link from "next/link";
import { redirect } from "next/navigation";
import { listUnits, searchStays } from "@/lib/site/api";
import { formatDate, formatMoney, unitTypeLabel, plural } from "@/lib/site/format";
import { addDays, isIsoDate, todayIn } from "@/lib/dates";
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

  const param = (key: string) => (typeof searchParams[key] === "string" ? (searchParams[key] as string) : "");
  const today = todayIn(process.env.PROPERTY_TIMEZONE || "America/New_York");
  const search = {
    checkIn: param("checkIn"),
    checkOut: param("checkOut"),
    guests: Number(param("guests") || "2"),
  };
  const searching = Boolean(search.checkIn || search.checkOut);
  const searchProblem = !searching
    ? null
    : !isIsoDate(search.checkIn) || !isIsoDate(search.checkOut)
      ? "Please pick a check-in and a check-out date."
      : search.checkOut <= search.checkIn
        ? "Check-out must be after check-in."
        : null;
  const [result, found] = await Promise.all([
    listUnits(),
    searching && !searchProblem && Number.isInteger(search.guests) ? searchStays(search) : Promise.resolve(null),
  ]);
  const stayQuery = (slug: string) =>
    `/units/${slug}?${new URLSearchParams({ checkIn: search.checkIn, checkOut: search.checkOut, guests: String(search.guests) })}`;

  return (
    <>
      <section className="hero">
        <h1>Stay a night, a week or the whole winter</h1>
        <p>Cottages, park-model trailers and RV sites a short walk from the pool. Live availability, instant prices, secure checkout.</p>
        <form className="search-form card" action="/" method="get" role="search" aria-label="Find a stay">
          <div className="field">
            <label htmlFor="search-check-in">Check-in</label>
            <input id="search-check-in" name="checkIn" type="date" min={today} defaultValue={search.checkIn || undefined} required />
          </div>
          <div className="field">
            <label htmlFor="search-check-out">Check-out</label>
            <input id="search-check-out" name="checkOut" type="date" min={addDays(today, 1)} defaultValue={search.checkOut || undefined} required />
          </div>
          <div className="field">
            <label htmlFor="search-guests">Guests</label>
            <select id="search-guests" name="guests" defaultValue={String(Number.isInteger(search.guests) ? search.guests : 2)}>
              {Array.from({ length: 6 }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {plural(n, "guest")}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-primary">
            Search
          </button>
        </form>
      </section>
      {searching && (
        <section aria-labelledby="search-title" data-testid="search-results">
          <h2 id="search-title">
            {searchProblem || !isIsoDate(search.checkIn) || !isIsoDate(search.checkOut)
              ? "Find a stay"
              : `Available ${formatDate(search.checkIn)} → ${formatDate(search.checkOut)} for ${plural(search.guests, "guest")}`}
          </h2>
          {searchProblem ? (
            <div className="notice notice-warn" role="alert">{searchProblem}</div>
          ) : !found || !found.ok ? (
            <div className="notice notice-error" role="alert">
              {found && !found.ok ? (found.error.issues?.map((i) => i.message).join(" ") || found.error.message) : "We could not search right now."}
            </div>
          ) : found.data.length === 0 ? (
            <div className="notice">Nothing is free for that party on those dates. Try other dates or fewer guests.</div>
          ) : (
            <ul className="search-results">
              {found.data.map((hit) => (
                <li key={hit.unit.id} className="search-hit">
                  <Link href={stayQuery(hit.unit.slug)}>
                    <strong>{hit.unit.name}</strong> · {unitTypeLabel(hit.unit.type)} · sleeps {hit.unit.capacity}
                  </Link>
                  <span className="search-price">
                    <strong>{formatMoney(hit.totalCents, hit.currency)}</strong> total · {formatMoney(hit.nightlyAverageCents, hit.currency)}/night
                    incl. taxes and fees
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
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
