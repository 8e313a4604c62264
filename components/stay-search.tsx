"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
import { addDays, isIsoDate, todayIn } from "@/lib/dates";
import { formatDate, formatMoney, plural, unitTypeLabel } from "@/lib/site/format";
import type { ApiErrorBody, SearchHit } from "@/lib/site/types";

// The home page's date-and-guests search. The home page is cached HTML, the same for every
// query string, so the search runs in the browser: the form submits to /?checkIn=&checkOut=&guests=
// (a shareable address), and this component reads that query and asks GET /api/v1/search.

type Search = { checkIn: string; checkOut: string; guests: number };
type Found = { state: "loading" } | { state: "ready"; hits: SearchHit[] } | { state: "error"; message: string };

function problemOf(search: Search): string | null {
  if (!isIsoDate(search.checkIn) || !isIsoDate(search.checkOut)) return "Please pick a check-in and a check-out date.";
  if (search.checkOut <= search.checkIn) return "Check-out must be after check-in.";
  return null;
}

export function StaySearch({ timeZone, today: renderedToday }: { timeZone: string; today: string }) {
  const [today, setToday] = useState(renderedToday);
  const [search, setSearch] = useState<Search | null>(null);
  const [found, setFound] = useState<Found | null>(null);

  useEffect(() => {
    setToday(todayIn(timeZone));
    const params = new URLSearchParams(window.location.search);
    const checkIn = params.get("checkIn") ?? "";
    const checkOut = params.get("checkOut") ?? "";
    if (!checkIn && !checkOut) return;
    const guests = Number(params.get("guests") || "2");
    setSearch({ checkIn, checkOut, guests: Number.isInteger(guests) && guests >= 1 ? guests : 2 });
  }, [timeZone]);

  useEffect(() => {
    if (!search || problemOf(search)) return;
    const ctrl = new AbortController();
    setFound({ state: "loading" });
    const qs = new URLSearchParams({ checkIn: search.checkIn, checkOut: search.checkOut, guests: String(search.guests) });
    (async () => {
      try {
        const res = await fetch(`/api/v1/search?${qs}`, { signal: ctrl.signal, cache: "no-store" });
        const body: unknown = await res.json().catch(() => null);
        if (res.ok) {
          const hits = (body as { results?: SearchHit[] } | null)?.results;
          setFound({ state: "ready", hits: Array.isArray(hits) ? hits : [] });
        } else {
          const err = (body as ApiErrorBody | null)?.error;
          setFound({ state: "error", message: err?.issues?.map((i) => i.message).join(" ") || err?.message || "We could not search right now." });
        }
      } catch (error) {
        if ((error as Error).name !== "AbortError") setFound({ state: "error", message: "We could not search right now." });
      }
    })();
    return () => ctrl.abort();
  }, [search]);

  const problem = search ? problemOf(search) : null;
  const stayQuery = (slug: string) =>
    search ? `/units/${slug}?${new URLSearchParams({ checkIn: search.checkIn, checkOut: search.checkOut, guests: String(search.guests) })}` : `/units/${slug}`;

  return (
    <>
      <form className="search-form card" action="/" method="get" role="search" aria-label="Find a stay" key={search ? "linked" : "empty"}>
        <div className="field">
          <label htmlFor="search-check-in">Check-in</label>
          <input id="search-check-in" name="checkIn" type="date" min={today} defaultValue={search?.checkIn || undefined} required />
        </div>
        <div className="field">
          <label htmlFor="search-check-out">Check-out</label>
          <input id="search-check-out" name="checkOut" type="date" min={addDays(today, 1)} defaultValue={search?.checkOut || undefined} required />
        </div>
        <div className="field">
          <label htmlFor="search-guests">Guests</label>
          <select id="search-guests" name="guests" defaultValue={String(search?.guests ?? 2)}>
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
      {search && (
        <section aria-labelledby="search-title" data-testid="search-results" aria-busy={found?.state === "loading"}>
          <h2 id="search-title">
            {problem ? "Find a stay" : `Available ${formatDate(search.checkIn)} → ${formatDate(search.checkOut)} for ${plural(search.guests, "guest")}`}
          </h2>
          {problem ? (
            <div className="notice notice-warn" role="alert">
              {problem}
            </div>
          ) : !found || found.state === "loading" ? (
            <p className="muted" role="status">
              Searching…
            </p>
          ) : found.state === "error" ? (
            <div className="notice notice-error" role="alert">
              {found.message}
            </div>
          ) : found.hits.length === 0 ? (
            <div className="notice" role="status">
              Nothing is free for that party on those dates. Try other dates or fewer guests.
            </div>
          ) : (
            <ul className="search-results">
              {found.hits.map((hit) => (
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
    </>
  );
}
