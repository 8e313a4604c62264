"use client";

import { useEffect, useState } from "react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { daysBetween } from "@/lib/dates";
import { formatDate, formatMoneyExact, plural } from "@/lib/site/format";
import { checkoutStorageKey, type CheckoutSession } from "@/lib/site/types";
import { ResumeCheckoutForm } from "./resume-checkout-form";
import { TestModePayment } from "./test-mode-payment";

// Stripe.js is only loaded (from js.stripe.com) when a publishable key is configured.
const StripePayment = dynamic(() => import("./stripe-payment").then((m) => m.StripePayment), {
  ssr: false,
  loading: () => <p className="muted">Loading the secure payment form…</p>,
});

type View = { state: "loading" } | { state: "missing" } | { state: "ready"; session: CheckoutSession };

export function CheckoutView({ holdId, stripePublishableKey, demoMode }: { holdId: string; stripePublishableKey: string; demoMode: boolean }) {
  const router = useRouter();
  const [view, setView] = useState<View>({ state: "loading" });
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let session: CheckoutSession | null = null;
    try {
      const raw = holdId ? sessionStorage.getItem(checkoutStorageKey(holdId)) : null;
      session = raw ? (JSON.parse(raw) as CheckoutSession) : null;
    } catch {
      session = null;
    }
    setView(session && session.holdId === holdId ? { state: "ready", session } : { state: "missing" });
  }, [holdId]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  if (view.state === "loading") {
    return <p className="muted" aria-live="polite">Loading your reservation…</p>;
  }
  if (view.state === "missing") {
    if (!holdId) {
      return (
        <div className="notice notice-warn" role="alert">
          <p>There is no reservation to pay here.</p>
          <p>
            <Link href="/">Choose your stay</Link>
          </p>
        </div>
      );
    }
    // A hold placed elsewhere (e.g. by the chatbot): ask who is paying, then open its checkout.
    return (
      <ResumeCheckoutForm
        holdId={holdId}
        onReady={(session) => {
          sessionStorage.setItem(checkoutStorageKey(holdId), JSON.stringify(session));
          setView({ state: "ready", session });
        }}
      />
    );
  }

  const s = view.session;
  const remainingMs = new Date(s.expiresAt).getTime() - now;
  const expired = !(remainingMs > 0);
  const minutes = Math.max(0, Math.floor(remainingMs / 60_000));
  const seconds = Math.max(0, Math.floor((remainingMs % 60_000) / 1000));
  const unitLink = `/units/${s.unit.slug}?checkIn=${s.checkIn}&checkOut=${s.checkOut}`;
  const nights = daysBetween(s.checkIn, s.checkOut);

  function paid() {
    router.push(`/bookings/confirmation?pi=${encodeURIComponent(s.paymentIntentId)}`);
  }

  return (
    <div className="checkout">
      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title">Your stay</h2>
        <dl className="summary">
          <div>
            <dt>Stay</dt>
            <dd>{s.unit.name}</dd>
          </div>
          <div>
            <dt>Check-in</dt>
            <dd>{formatDate(s.checkIn)}</dd>
          </div>
          <div>
            <dt>Check-out</dt>
            <dd>{formatDate(s.checkOut)}</dd>
          </div>
          <div>
            <dt>{s.guests ? "Nights · guests" : "Nights"}</dt>
            <dd>
              {plural(nights, "night")}
              {s.guests ? ` · ${plural(s.guests, "guest")}` : ""}
              {s.pets ? ` · ${plural(s.pets, "pet")}` : ""}
            </dd>
          </div>
          <div className="summary-total">
            <dt>Total (taxes included)</dt>
            <dd data-testid="checkout-total">{formatMoneyExact(s.amountCents, s.currency)}</dd>
          </div>
        </dl>
      </section>

      {s.cancellationPolicy && s.cancellationPolicy.length > 0 && (
        <section className="card" aria-labelledby="policy-title" data-testid="cancellation-policy">
          <h2 id="policy-title">Cancellation policy</h2>
          <ul className="policy-list">
            {s.cancellationPolicy.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      )}

      {expired ? (
        <div className="notice notice-error" role="alert" data-testid="hold-expired">
          <p>
            <strong>Your hold has expired</strong> and the dates were released. Nothing was charged.
          </p>
          <p>
            <Link href={unitLink}>Go back to {s.unit.name} to check the dates again</Link>
          </p>
        </div>
      ) : (
        <>
          <p className={`countdown ${remainingMs < 120_000 ? "countdown-urgent" : ""}`} role="timer" aria-live="off" data-testid="countdown">
            Your dates are held for another{" "}
            <strong>
              {minutes}:{String(seconds).padStart(2, "0")}
            </strong>
            . Complete the payment before the time runs out.
          </p>
          <section className="card" aria-labelledby="payment-title">
            <h2 id="payment-title">Payment</h2>
            {demoMode ? (
              <TestModePayment paymentIntentId={s.paymentIntentId} amountLabel={formatMoneyExact(s.amountCents, s.currency)} onPaid={paid} />
            ) : stripePublishableKey ? (
              <StripePayment publishableKey={stripePublishableKey} clientSecret={s.clientSecret} paymentIntentId={s.paymentIntentId} onPaid={paid} />
            ) : (
              <p role="alert">Online payment is not available right now. Please call us to complete your booking.</p>
            )}
          </section>
          <p className="hint center">
            <Link href={unitLink}>Change dates</Link>
          </p>
        </>
      )}
    </div>
  );
}
