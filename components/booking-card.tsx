"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { emptyGuest, focusFirstError, GuestDetailsFields, validateGuest, type GuestDetails, type GuestErrors } from "./guest-details";
import { useRouter } from "next/navigation";
import { DayPicker } from "react-day-picker";
import { addDays, daysBetween, isIsoDate } from "@/lib/dates";
import { formatDate, formatMoney, fromIsoLocal, plural, toIsoLocal } from "@/lib/site/format";
import {
  checkoutStorageKey,
  type ApiErrorBody,
  type ArrivalRun,
  type CheckoutSession,
  type Quote,
  type StayAlternative,
  type UnavailableRange,
} from "@/lib/site/types";
import { reserve } from "@/app/actions/reserve";
import { QuoteSummary } from "./quote-summary";

// The unit page's booking widget. Unavailable nights come from GET /api/v1/availability and
// prices from POST /api/v1/quote: the browser never decides either. Reserve runs a server action
// (hold + checkout with the service key on the server) and moves on to /checkout.

interface Props {
  unit: { id: string; slug: string; name: string; capacity: number; petFriendly?: boolean };
  /** Today in the property's time zone (YYYY-MM-DD), from the server. */
  today: string;
  maxNights: number;
  initialCheckIn?: string;
  initialCheckOut?: string;
  initialGuests?: number;
}

type Range = { from?: string; to?: string };
type Load<T> =
  | { state: "idle" }
  | { state: "loading"; previous?: T }
  | { state: "ready"; data: T }
  | { state: "error"; message: string; retry: boolean; alternatives?: StayAlternative[] };

interface Calendar {
  unavailable: UnavailableRange[];
  /** The stay rules of each check-in day (min/max nights, whether a stay may start). */
  arrivalRules: ArrivalRun[];
}

/** The rules of one check-in day, or null when the server sent none for it. */
function arrivalRuleOf(runs: ArrivalRun[], day: string): ArrivalRun | null {
  return runs.find((r) => r.start <= day && day <= r.end) ?? null;
}

const TAKEN = "Some of these nights are already taken. Please choose other dates.";

const AVAILABILITY_DAYS = 730; // the API allows windows up to 731 days

function bookedNightsOf(ranges: UnavailableRange[]): Set<string> {
  const nights = new Set<string>();
  for (const r of ranges) {
    if (!isIsoDate(r.start) || !isIsoDate(r.end)) continue;
    const n = Math.min(daysBetween(r.start, r.end), 800);
    for (let i = 0; i < n; i++) nights.add(addDays(r.start, i));
  }
  return nights;
}

function alternativesOf(body: unknown): StayAlternative[] | undefined {
  const list = ((body as ApiErrorBody | null)?.error?.details as { alternatives?: unknown } | undefined)?.alternatives;
  return Array.isArray(list) && list.length > 0 ? (list as StayAlternative[]) : undefined;
}

function errorMessage(body: unknown, fallback: string): string {
  const err = (body as ApiErrorBody | null)?.error;
  if (!err) return fallback;
  if (err.code === "UNAVAILABLE" && err.details) return "These dates cannot be booked.";
  if (err.code === "VALIDATION_FAILED" && err.issues?.length) return err.issues.map((i) => i.message).join(" ");
  return err.message || fallback;
}

export function BookingCard({ unit, today, maxNights, initialCheckIn, initialCheckOut, initialGuests }: Props) {
  const router = useRouter();
  const [range, setRange] = useState<Range>(() =>
    initialCheckIn && isIsoDate(initialCheckIn) && initialCheckOut && isIsoDate(initialCheckOut)
      ? { from: initialCheckIn, to: initialCheckOut }
      : {},
  );
  const [linkProblem] = useState<string | null>(() =>
    (initialCheckIn || initialCheckOut) && !(initialCheckIn && isIsoDate(initialCheckIn) && initialCheckOut && isIsoDate(initialCheckOut))
      ? "The dates in your link could not be read. Please pick them on the calendar."
      : null,
  );
  const [month, setMonth] = useState<Date>(() => fromIsoLocal(range.from && range.from >= today ? range.from : today));
  const [months, setMonths] = useState(1);
  const [guests, setGuests] = useState(initialGuests ?? Math.min(2, unit.capacity));
  const [pets, setPets] = useState(0);
  const [alternatives, setAlternatives] = useState<StayAlternative[] | null>(null);
  const [availability, setAvailability] = useState<Load<Calendar>>({ state: "loading" });
  const [quote, setQuote] = useState<Load<Quote>>({ state: "idle" });
  const [quoteNonce, setQuoteNonce] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [customer, setCustomer] = useState<GuestDetails>(emptyGuest);
  const [fieldErrors, setFieldErrors] = useState<GuestErrors>({});
  const [reserving, setReserving] = useState(false);
  const [reserveError, setReserveError] = useState<string | null>(null);
  const availabilityRequest = useRef<AbortController | null>(null);

  // One month on phones, two side by side from 720 px.
  useEffect(() => {
    const mq = window.matchMedia("(min-width: 720px)");
    const apply = () => setMonths(mq.matches ? 2 : 1);
    apply();
    mq.addEventListener("change", apply);
    return () => mq.removeEventListener("change", apply);
  }, []);

  const loadAvailability = useCallback(async () => {
    availabilityRequest.current?.abort();
    const ctrl = new AbortController();
    availabilityRequest.current = ctrl;
    setAvailability((prev) => ({ state: "loading", previous: prev.state === "ready" ? prev.data : undefined }));
    const qs = new URLSearchParams({ unitId: unit.id, start: today, end: addDays(today, AVAILABILITY_DAYS) });
    try {
      const res = await fetch(`/api/v1/availability?${qs}`, { signal: ctrl.signal, cache: "no-store" });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        setAvailability({ state: "error", message: errorMessage(body, "We could not load the calendar."), retry: true });
        return;
      }
      const answer = body as { unavailable?: UnavailableRange[]; arrivalRules?: ArrivalRun[] } | null;
      setAvailability({
        state: "ready",
        data: {
          unavailable: Array.isArray(answer?.unavailable) ? answer.unavailable : [],
          arrivalRules: Array.isArray(answer?.arrivalRules) ? answer.arrivalRules : [],
        },
      });
    } catch (error) {
      if ((error as Error).name === "AbortError") return;
      setAvailability({ state: "error", message: "We could not load the calendar. Check your connection.", retry: true });
    }
  }, [unit.id, today]);

  useEffect(() => {
    void loadAvailability();
    return () => availabilityRequest.current?.abort();
  }, [loadAvailability]);

  const calendar = availability.state === "ready" ? availability.data : availability.state === "loading" ? availability.previous : undefined;
  const unavailable = useMemo(() => calendar?.unavailable ?? [], [calendar]);
  const arrivalRules = useMemo(() => calendar?.arrivalRules ?? [], [calendar]);
  const booked = useMemo(() => bookedNightsOf(unavailable), [unavailable]);
  const checkInRule = useMemo(() => (range.from ? arrivalRuleOf(arrivalRules, range.from) : null), [arrivalRules, range.from]);
  // Days on which no stay may start (check-in weekdays, booking horizon, same-day cut-off).
  const noCheckIn = useCallback((iso: string) => arrivalRuleOf(arrivalRules, iso)?.checkIn === false, [arrivalRules]);

  // The first unavailable night after a pending check-in may still be chosen as check-out day.
  const firstBookedAfter = useMemo(() => {
    if (!range.from || range.to) return null;
    for (let i = 1; i <= maxNights; i++) {
      const d = addDays(range.from, i);
      if (booked.has(d)) return d;
    }
    return null;
  }, [range.from, range.to, booked, maxNights]);

  const isDisabled = useCallback(
    (date: Date) => {
      const iso = toIsoLocal(date);
      if (iso < today) return true;
      const pickingCheckOut = Boolean(range.from && !range.to && iso > range.from);
      if (pickingCheckOut && range.from) {
        // A check-out day: within the check-in day's minimum and maximum stay. The first taken
        // night may end a shorter stay: a gap shorter than the minimum can be booked whole.
        const n = daysBetween(range.from, iso);
        const gapEnd = firstBookedAfter !== null && iso === firstBookedAfter;
        if (checkInRule && n < checkInRule.minNights && !gapEnd) return true;
        if (checkInRule?.maxNights != null && n > checkInRule.maxNights) return true;
        if (!booked.has(iso)) return false;
        return !gapEnd;
      }
      return booked.has(iso) || noCheckIn(iso);
    },
    [today, booked, firstBookedAfter, range.from, range.to, checkInRule, noCheckIn],
  );

  const nights = range.from && range.to ? daysBetween(range.from, range.to) : 0;
  const selectionProblem = useMemo((): string | null => {
    if (!range.from || !range.to) return null;
    if (range.from < today) return "Check-in cannot be in the past. Please pick new dates.";
    if (nights < 1) return "Check-out must be at least one night after check-in.";
    if (nights > maxNights) return `A stay can be at most ${maxNights} nights. For longer stays, please contact us.`;
    if (checkInRule && !checkInRule.checkIn) return "A stay cannot start on this day. Please pick another check-in day.";
    for (let i = 0; i < nights; i++) {
      if (booked.has(addDays(range.from, i))) return TAKEN;
    }
    return null;
  }, [range.from, range.to, nights, today, maxNights, booked, checkInRule]);

  // Only a stay the calendar accepts is priced; taken nights show a message instead of a price.
  // Taken nights are still sent to the server: its refusal carries the stays that would work instead.
  const quotable = Boolean(range.from && range.to && (!selectionProblem || selectionProblem === TAKEN));

  // The server's quote for the selected stay; a new selection aborts the previous request.
  useEffect(() => {
    if (!quotable || !range.from || !range.to) {
      setQuote({ state: "idle" });
      return;
    }
    const ctrl = new AbortController();
    setQuote((prev) => ({ state: "loading", previous: prev.state === "ready" ? prev.data : undefined }));
    (async () => {
      try {
        const res = await fetch("/api/v1/quote", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ unitId: unit.id, checkIn: range.from, checkOut: range.to, guests, ...(pets ? { pets } : {}) }),
          signal: ctrl.signal,
        });
        const body: unknown = await res.json().catch(() => null);
        if (ctrl.signal.aborted) return;
        if (res.ok) setQuote({ state: "ready", data: body as Quote });
        else
          setQuote({
            state: "error",
            message: res.status >= 500 ? "We could not price this stay right now." : errorMessage(body, "We could not price this stay."),
            retry: res.status >= 500,
            alternatives: alternativesOf(body),
          });
      } catch (error) {
        if ((error as Error).name === "AbortError") return;
        setQuote({ state: "error", message: "We could not reach the server to price this stay.", retry: true });
      }
    })();
    return () => ctrl.abort();
  }, [quotable, range.from, range.to, unit.id, quoteNonce, guests, pets]);

  // Keep the URL shareable (and the chatbot's deep-link format): ?checkIn=&checkOut=
  useEffect(() => {
    const url = new URL(window.location.href);
    if (range.from && range.to) {
      url.searchParams.set("checkIn", range.from);
      url.searchParams.set("checkOut", range.to);
    } else {
      url.searchParams.delete("checkIn");
      url.searchParams.delete("checkOut");
    }
    url.searchParams.delete("unitId");
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }, [range.from, range.to]);

  function onDayClick(date: Date) {
    const iso = toIsoLocal(date);
    setNotice(null);
    setReserveError(null);
    setAlternatives(null);
    if (!range.from || range.to || iso <= range.from) setRange({ from: iso });
    else setRange({ from: range.from, to: iso });
  }

  /** One click on an offered stay: the same unit's dates here, another unit's on its own page. */
  function chooseAlternative(alt: StayAlternative) {
    setNotice(null);
    setReserveError(null);
    setAlternatives(null);
    if (alt.unitId === unit.id) {
      setRange({ from: alt.checkIn, to: alt.checkOut });
      setMonth(fromIsoLocal(alt.checkIn));
      return;
    }
    const qs = new URLSearchParams({ checkIn: alt.checkIn, checkOut: alt.checkOut, guests: String(guests) });
    router.push(`/units/${encodeURIComponent(alt.slug)}?${qs}`);
  }

  function clearDates() {
    setAlternatives(null);
    setRange({});
    setNotice(null);
    setReserveError(null);
  }

  async function onReserve(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!range.from || !range.to || quote.state !== "ready" || selectionProblem) return;
    const errs = validateGuest(customer);
    setFieldErrors(errs);
    if (Object.keys(errs).length > 0) {
      focusFirstError(errs);
      return;
    }
    setReserving(true);
    setReserveError(null);
    try {
      const result = await reserve({
        unitId: unit.id,
        checkIn: range.from,
        checkOut: range.to,
        guests,
        ...(pets ? { pets } : {}),
        customer: { ...customer, phone: customer.phone.trim() || undefined },
      });
      if (!result.ok) {
        if (result.fieldErrors) setFieldErrors(result.fieldErrors as GuestErrors);
        setAlternatives(result.alternatives && result.alternatives.length > 0 ? result.alternatives : null);
        if (result.code === "UNAVAILABLE" || result.code === "CONFLICT") {
          setRange({});
          setNotice(result.message);
          void loadAvailability();
        } else {
          setReserveError(result.message);
        }
        setReserving(false);
        return;
      }
      const session: CheckoutSession = {
        holdId: result.holdId,
        paymentIntentId: result.paymentIntentId,
        clientSecret: result.clientSecret,
        amountCents: result.amountCents,
        currency: result.currency,
        expiresAt: result.expiresAt,
        unit: { slug: unit.slug, name: unit.name },
        checkIn: range.from,
        checkOut: range.to,
        guests,
        pets,
        cancellationPolicy: result.cancellationPolicy,
      };
      sessionStorage.setItem(checkoutStorageKey(result.holdId), JSON.stringify(session));
      router.push(`/checkout?holdId=${encodeURIComponent(result.holdId)}`);
    } catch {
      setReserveError("We could not reach the server. Please check your connection and try again.");
      setReserving(false);
    }
  }

  const selected = range.from ? { from: fromIsoLocal(range.from), to: range.to ? fromIsoLocal(range.to) : undefined } : undefined;
  const startMonth = fromIsoLocal(today);
  const endMonth = fromIsoLocal(addDays(today, AVAILABILITY_DAYS));
  const canReserve = quote.state === "ready" && !selectionProblem && !reserving;
  const message = linkProblem ?? notice ?? selectionProblem;

  return (
    <section className="card booking-card" aria-labelledby="booking-title">
      <h2 id="booking-title">Book {unit.name}</h2>

      <div className="field-group">
        <div className="calendar-head">
          <h3 id="dates-label">Dates</h3>
          <p className="muted small" aria-live="polite" data-testid="selected-dates">
            {range.from && range.to ? (
              <>
                {formatDate(range.from)} → {formatDate(range.to)} · {plural(nights, "night")}
              </>
            ) : range.from ? (
              <>Check-in {formatDate(range.from)} · now pick check-out</>
            ) : (
              "Pick check-in, then check-out"
            )}
          </p>
        </div>
        <div className="calendar-wrap" aria-busy={availability.state === "loading"}>
          <DayPicker
            mode="range"
            aria-labelledby="dates-label"
            numberOfMonths={months}
            month={month}
            onMonthChange={setMonth}
            startMonth={startMonth}
            endMonth={endMonth}
            selected={selected}
            onSelect={(_r, triggerDate) => onDayClick(triggerDate)}
            disabled={isDisabled}
            modifiers={{ booked: (d: Date) => booked.has(toIsoLocal(d)), noCheckIn: (d: Date) => noCheckIn(toIsoLocal(d)) }}
            modifiersClassNames={{ booked: "day-booked", noCheckIn: "day-no-check-in" }}
            weekStartsOn={0}
            showOutsideDays={false}
          />
          {availability.state === "loading" && <p className="calendar-status muted small">Loading availability…</p>}
        </div>
        <div className="calendar-foot">
          <span className="legend">
            <span className="legend-swatch" aria-hidden="true" /> Unavailable
          </span>
          {checkInRule && range.from && !range.to && checkInRule.minNights > 1 && (
            <span className="muted small" data-testid="min-nights-hint">
              Stays from {formatDate(range.from)} are at least {plural(checkInRule.minNights, "night")}.
            </span>
          )}
          {range.from && (
            <button type="button" className="link-button" onClick={clearDates}>
              Clear dates
            </button>
          )}
        </div>
        {availability.state === "error" && (
          <div className="notice notice-error" role="alert">
            {availability.message}{" "}
            <button type="button" className="link-button" onClick={() => void loadAvailability()}>
              Try again
            </button>
          </div>
        )}
        {message && (
          <div className="notice notice-warn" role="alert" data-testid="booking-message">
            {message}
          </div>
        )}
      </div>

      <div className="field">
        <label htmlFor="guests">Guests</label>
        <select id="guests" value={guests} onChange={(e) => setGuests(Number(e.target.value))}>
          {Array.from({ length: unit.capacity }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {plural(n, "guest")}
            </option>
          ))}
        </select>
        <p className="hint">Sleeps up to {unit.capacity}.</p>
      </div>

      {unit.petFriendly && (
        <div className="field">
          <label htmlFor="pets">Pets</label>
          <select id="pets" value={pets} onChange={(e) => setPets(Number(e.target.value))}>
            <option value={0}>No pets</option>
            <option value={1}>1 pet</option>
            <option value={2}>2 pets</option>
          </select>
          <p className="hint">Pets welcome here (pet fee per pet).</p>
        </div>
      )}

      {(() => {
        const offered = alternatives ?? (quote.state === "error" ? quote.alternatives ?? null : null);
        if (!offered || offered.length === 0) return null;
        return (
          <div className="notice" data-testid="alternatives">
            <p>These would work instead:</p>
            <ul className="alternatives">
              {offered.map((alt) => (
                <li key={`${alt.unitId}:${alt.checkIn}`}>
                  <button type="button" className="button" onClick={() => chooseAlternative(alt)}>
                    {alt.unitId === unit.id ? "" : `${alt.name}: `}
                    {formatDate(alt.checkIn)} → {formatDate(alt.checkOut)} · {plural(alt.nights, "night")} · {formatMoney(alt.totalCents, alt.currency)}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        );
      })()}

      <QuoteSummary
        quote={quote.state === "ready" ? quote.data : quote.state === "loading" ? quote.previous ?? null : null}
        loading={quote.state === "loading"}
        error={quote.state === "error" ? quote.message : null}
        onRetry={quote.state === "error" && quote.retry ? () => setQuoteNonce((n) => n + 1) : undefined}
        placeholder={range.from && !range.to ? "Now pick your check-out date." : "Pick your dates to see the price."}
      />

      <form className="guest-form" onSubmit={onReserve} noValidate aria-labelledby="guest-title">
        <h3 id="guest-title">Your details</h3>
        <GuestDetailsFields value={customer} errors={fieldErrors} onChange={setCustomer} />
        {reserveError && (
          <div className="notice notice-error" role="alert" data-testid="reserve-error">
            {reserveError}
          </div>
        )}
        <button type="submit" className="button button-primary button-block" disabled={!canReserve} aria-disabled={!canReserve}>
          {reserving ? "Reserving…" : "Reserve"}
        </button>
        <p className="hint center">We hold your dates for 15 minutes while you pay. You won&apos;t be charged yet.</p>
      </form>
    </section>
  );
}
