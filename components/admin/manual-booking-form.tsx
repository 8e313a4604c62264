"use client";
import Link from "next/link";
import { useState } from "react";
import { formatMoneyExact } from "@/lib/site/format";
import { postAdmin } from "./post-admin";

interface UnitOption {
  id: string;
  name: string;
  capacity: number;
  petFriendly: boolean;
}

interface QuoteView {
  quote: { nights: number; totalCents: number; currency: string; lineItems: Array<{ label: string; amountCents: number; kind: string }> };
  engineTotalCents: number;
  overridden: boolean;
  waivedRule: string | null;
}

type Saved =
  | { kind: "booking"; bookingId: string; code: string; totalCents: number; currency: string }
  | { kind: "payment-link"; holdId: string; url: string; expiresAt: string; totalCents: number; currency: string };

const addDay = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * The manual booking form: the stay, then the server's price line by line, then the guest and
 * how they pay. Any change to the stay or price clears the preview, so what is saved is what was shown.
 */
export function ManualBookingForm({ units, isOwner, today }: { units: UnitOption[]; isOwner: boolean; today: string }) {
  const [unitId, setUnitId] = useState(units[0]?.id ?? "");
  const [checkIn, setCheckIn] = useState(addDay(today, 1));
  const [checkOut, setCheckOut] = useState(addDay(today, 4));
  const [guests, setGuests] = useState("2");
  const [pets, setPets] = useState("0");
  const [override, setOverride] = useState("");
  const [waiveRules, setWaiveRules] = useState(false);
  const [guest, setGuest] = useState({ firstName: "", lastName: "", email: "", phone: "" });
  const [payment, setPayment] = useState<"cash" | "check" | "card_by_phone" | "link">("cash");
  const [preview, setPreview] = useState<QuoteView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [busy, setBusy] = useState(false);

  const overrideCents = override.trim() === "" ? undefined : Math.round(Number(override) * 100);
  const stay = { unitId, checkIn, checkOut, guests: Number(guests), pets: Number(pets), totalOverrideCents: overrideCents, waiveRules };
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPreview(null);
  };

  async function showPrice() {
    setBusy(true);
    const result = await postAdmin<QuoteView>("/api/admin/bookings/quote", stay);
    setBusy(false);
    if (!result.ok) {
      setPreview(null);
      return setError(result.message);
    }
    setError(null);
    setPreview(result.data);
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (!preview) return;
    setBusy(true);
    const body = {
      ...stay,
      guest: { firstName: guest.firstName, lastName: guest.lastName, email: guest.email, ...(guest.phone.trim() ? { phone: guest.phone.trim() } : {}) },
      payment: payment === "link" ? { kind: "link" } : { kind: "offline", method: payment },
    };
    const result = await postAdmin<Saved>("/api/admin/bookings", body);
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setError(null);
    setSaved(result.data);
  }

  if (saved) {
    return (
      <div className="admin-card" role="status">
        {saved.kind === "booking" ? (
          <p>
            Booked: <strong>{saved.code}</strong>, {formatMoneyExact(saved.totalCents, saved.currency)} paid offline. The guest&apos;s confirmation is on its way.{" "}
            <Link href={`/admin/bookings/${saved.bookingId}`}>Open the booking</Link>
          </p>
        ) : (
          <p>
            The nights are held until {new Date(saved.expiresAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })} and the guest has been emailed
            the payment link for {formatMoneyExact(saved.totalCents, saved.currency)}: <code>{saved.url}</code>. It becomes a booking when they pay.
          </p>
        )}
        <p><Link href="/admin/bookings">Back to bookings</Link></p>
      </div>
    );
  }

  const errorId = error ? "manual-error" : undefined;
  return (
    <form onSubmit={save} className="admin-card stack" aria-describedby={errorId}>
      <fieldset className="stack">
        <legend>Stay</legend>
        <label htmlFor="mb-unit">Unit</label>
        <select id="mb-unit" value={unitId} onChange={(e) => changed(setUnitId)(e.target.value)}>
          {units.map((u) => <option key={u.id} value={u.id}>{u.name} (sleeps {u.capacity}{u.petFriendly ? ", pets welcome" : ""})</option>)}
        </select>
        <label htmlFor="mb-in">Check-in</label>
        <input id="mb-in" type="date" required value={checkIn} onChange={(e) => changed(setCheckIn)(e.target.value)} />
        <label htmlFor="mb-out">Check-out</label>
        <input id="mb-out" type="date" required value={checkOut} onChange={(e) => changed(setCheckOut)(e.target.value)} />
        <label htmlFor="mb-guests">Guests</label>
        <input id="mb-guests" type="number" min={1} max={20} required value={guests} onChange={(e) => changed(setGuests)(e.target.value)} />
        <label htmlFor="mb-pets">Pets</label>
        <input id="mb-pets" type="number" min={0} max={2} required value={pets} onChange={(e) => changed(setPets)(e.target.value)} />
        {isOwner && (
          <>
            <label htmlFor="mb-total">Your total in dollars, taxes and fees included (leave empty for the rate price)</label>
            <input id="mb-total" inputMode="decimal" value={override} onChange={(e) => changed(setOverride)(e.target.value)} />
            <label className="inline">
              <input type="checkbox" checked={waiveRules} onChange={(e) => changed(setWaiveRules)(e.target.checked)} /> Waive the stay rules (minimum nights,
              arrival weekdays, how far ahead); taken nights are never waived
            </label>
          </>
        )}
        <button type="button" className="button" disabled={busy} onClick={() => void showPrice()}>Show price</button>
      </fieldset>

      {preview && (
        <div role="status" className="notice">
          <table className="data">
            <caption>Price of {preview.quote.nights} night{preview.quote.nights === 1 ? "" : "s"}</caption>
            <tbody>
              {preview.quote.lineItems.map((line, i) => (
                <tr key={i}><th scope="row">{line.label}</th><td>{formatMoneyExact(line.amountCents, preview.quote.currency)}</td></tr>
              ))}
              <tr><th scope="row">Total</th><td><strong>{formatMoneyExact(preview.quote.totalCents, preview.quote.currency)}</strong></td></tr>
            </tbody>
          </table>
          {preview.overridden && <p>The rates give {formatMoneyExact(preview.engineTotalCents, preview.quote.currency)}; the difference is booked as an owner adjustment.</p>}
          {preview.waivedRule && <p>Stay rule waived: {preview.waivedRule.replaceAll("_", " ").toLowerCase()}.</p>}
        </div>
      )}

      <fieldset className="stack">
        <legend>Guest</legend>
        <label htmlFor="mb-first">First name</label>
        <input id="mb-first" required autoComplete="off" value={guest.firstName} onChange={(e) => setGuest({ ...guest, firstName: e.target.value })} />
        <label htmlFor="mb-last">Last name</label>
        <input id="mb-last" required autoComplete="off" value={guest.lastName} onChange={(e) => setGuest({ ...guest, lastName: e.target.value })} />
        <label htmlFor="mb-email">Email</label>
        <input id="mb-email" type="email" required autoComplete="off" value={guest.email} onChange={(e) => setGuest({ ...guest, email: e.target.value })} />
        <label htmlFor="mb-phone">Phone (optional)</label>
        <input id="mb-phone" type="tel" autoComplete="off" value={guest.phone} onChange={(e) => setGuest({ ...guest, phone: e.target.value })} />
      </fieldset>

      <fieldset className="stack">
        <legend>Payment</legend>
        {([
          ["cash", "Paid in cash"],
          ["check", "Paid by check"],
          ["card_by_phone", "Card taken by phone"],
          ["link", "Email the guest a payment link (nights held 48 hours)"],
        ] as const).map(([value, label]) => (
          <label key={value} className="inline">
            <input type="radio" name="payment" value={value} checked={payment === value} onChange={() => setPayment(value)} /> {label}
          </label>
        ))}
      </fieldset>

      {error ? <p id="manual-error" role="alert" className="notice notice-error">{error}</p> : null}
      <button type="submit" className="button button-primary" disabled={busy || !preview}>
        {payment === "link" ? "Hold and send payment link" : "Save booking"}
      </button>
      {!preview && <p className="muted">Show the price first.</p>}
    </form>
  );
}
