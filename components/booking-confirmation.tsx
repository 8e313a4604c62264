"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
import { daysBetween } from "@/lib/dates";
import { formatDate, formatMoneyExact, plural } from "@/lib/site/format";
import { checkoutStorageKey, type BookingStatus } from "@/lib/site/types";

// After paying, the booking exists only once Stripe's webhook has reached the server. Poll the
// site's status route every second for up to 30 s, then say clearly what to do.

const POLL_MS = 1000;
const GIVE_UP_MS = 30_000;

type View =
  | { state: "processing" }
  | { state: "timeout" }
  | { state: "not_found" }
  | { state: "done"; status: BookingStatus };

export function BookingConfirmation({ paymentIntentId, times }: { paymentIntentId: string; times: { checkIn: string; checkOut: string } }) {
  const [view, setView] = useState<View>(paymentIntentId ? { state: "processing" } : { state: "not_found" });

  useEffect(() => {
    if (!paymentIntentId) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = Date.now();

    async function poll() {
      try {
        const res = await fetch(`/api/site/booking-status?pi=${encodeURIComponent(paymentIntentId)}`, { cache: "no-store" });
        if (cancelled) return;
        if (res.status === 404 || res.status === 400) {
          setView({ state: "not_found" });
          return;
        }
        if (res.ok) {
          const status = (await res.json()) as BookingStatus;
          if (cancelled) return;
          if (status.status !== "processing") {
            setView({ state: "done", status });
            if (status.status === "confirmed") clearCheckoutSessions();
            return;
          }
        }
      } catch {
        // network hiccup: keep polling until the deadline
      }
      if (Date.now() - started >= GIVE_UP_MS) {
        setView({ state: "timeout" });
        return;
      }
      timer = setTimeout(poll, POLL_MS);
    }
    void poll();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [paymentIntentId]);

  if (view.state === "processing") {
    return (
      <section className="card center" aria-live="polite" data-testid="confirmation-processing">
        <div className="spinner" aria-hidden="true" />
        <h1>Confirming your booking…</h1>
        <p className="muted">Your payment went through. We are waiting for the payment confirmation; this usually takes a few seconds.</p>
      </section>
    );
  }
  if (view.state === "timeout") {
    return (
      <section className="card" role="alert" data-testid="confirmation-timeout">
        <h1>Your booking is taking longer than usual</h1>
        <p>
          We have not received the payment confirmation yet. Please don&apos;t pay again: if the payment went through, your booking
          will be confirmed automatically and you will receive an email.
        </p>
        <p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Check again
          </button>
        </p>
        <p className="muted small">Payment reference: {paymentIntentId}</p>
      </section>
    );
  }
  if (view.state === "not_found") {
    return (
      <section className="card" role="alert">
        <h1>Booking not found</h1>
        <p>We could not find a payment with this link.</p>
        <p>
          <Link href="/">Back to our stays</Link>
        </p>
      </section>
    );
  }

  const { status } = view;
  if (status.status === "confirmed" && status.booking) {
    const b = status.booking;
    return (
      <section className="card" aria-labelledby="confirmed-title" data-testid="confirmation">
        <p className="badge badge-success">Confirmed</p>
        <h1 id="confirmed-title">You&apos;re booked at {b.unitName}!</h1>
        <dl className="summary">
          <div>
            <dt>Check-in</dt>
            <dd data-testid="confirmation-checkin">{formatDate(b.checkIn)} · from {times.checkIn}</dd>
          </div>
          <div>
            <dt>Check-out</dt>
            <dd data-testid="confirmation-checkout">{formatDate(b.checkOut)} · by {times.checkOut}</dd>
          </div>
          <div>
            <dt>Nights</dt>
            <dd>{plural(daysBetween(b.checkIn, b.checkOut), "night")}</dd>
          </div>
          {b.guests ? (
            <div>
              <dt>Party</dt>
              <dd data-testid="confirmation-party">
                {plural(b.guests, "guest")}
                {b.pets ? ` · ${plural(b.pets, "pet")}` : ""}
              </dd>
            </div>
          ) : null}
          <div className="summary-total">
            <dt>Paid</dt>
            <dd data-testid="confirmation-total">{formatMoneyExact(b.totalCents, b.currency)}</dd>
          </div>
          <div>
            <dt>Of which taxes</dt>
            <dd data-testid="confirmation-taxes">{formatMoneyExact(b.taxCents, b.currency)}</dd>
          </div>
          <div>
            <dt>Booking code</dt>
            <dd>
              <code data-testid="booking-code">{b.code}</code>
            </dd>
          </div>
        </dl>
        <p>
          We have emailed you a confirmation with a link to manage your booking. Keep your booking code for your records; with it and
          your email you can <Link href="/bookings/find">find your booking</Link> at any time. We look forward to welcoming you!
        </p>
        <p>
          <Link href="/">Back to our stays</Link>
        </p>
      </section>
    );
  }
  if (status.status === "refunded") {
    return (
      <section className="card" role="alert" data-testid="confirmation-refunded">
        <h1>These dates were no longer available</h1>
        <p>Someone else completed a booking for these nights just before you. Your payment has been refunded in full.</p>
        <p>
          <Link href="/">Choose other dates</Link>
        </p>
      </section>
    );
  }
  if (status.status === "cancelled") {
    return (
      <section className="card" role="alert">
        <h1>This booking was cancelled</h1>
        <p>Please contact us if you have questions.</p>
      </section>
    );
  }
  return (
    <section className="card" role="alert" data-testid="confirmation-failed">
      <h1>This reservation expired</h1>
      <p>The hold on these dates ran out before the payment was confirmed. Nothing was booked.</p>
      <p>
        <Link href="/">Start again</Link>
      </p>
    </section>
  );
}

function clearCheckoutSessions() {
  try {
    for (let i = sessionStorage.length - 1; i >= 0; i--) {
      const key = sessionStorage.key(i);
      if (key && key.startsWith(checkoutStorageKey(""))) sessionStorage.removeItem(key);
    }
  } catch {
    // storage unavailable: nothing to clear
  }
}
