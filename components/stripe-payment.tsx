"use client";

import { useMemo, useState } from "react";
import { Elements, PaymentElement, useElements, useStripe } from "@stripe/react-stripe-js";
// The "pure" entry does not inject Stripe.js on import; it loads only when loadStripe is called.
import { loadStripe } from "@stripe/stripe-js/pure";

// The real Stripe Payment Element, used when NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is set.

export function StripePayment(props: { publishableKey: string; clientSecret: string; paymentIntentId: string; onPaid: () => void }) {
  const stripePromise = useMemo(() => loadStripe(props.publishableKey), [props.publishableKey]);
  return (
    <Elements stripe={stripePromise} options={{ clientSecret: props.clientSecret, appearance: { theme: "stripe" } }}>
      <PaymentForm paymentIntentId={props.paymentIntentId} onPaid={props.onPaid} />
    </Elements>
  );
}

function PaymentForm({ paymentIntentId, onPaid }: { paymentIntentId: string; onPaid: () => void }) {
  const stripe = useStripe();
  const elements = useElements();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!stripe || !elements) return;
    setBusy(true);
    setError(null);
    const returnUrl = `${window.location.origin}/bookings/confirmation?pi=${encodeURIComponent(paymentIntentId)}`;
    const { error: stripeError, paymentIntent } = await stripe.confirmPayment({
      elements,
      confirmParams: { return_url: returnUrl },
      redirect: "if_required",
    });
    if (stripeError) {
      setError(stripeError.message ?? "The payment did not go through. Please try another card.");
      setBusy(false);
      return;
    }
    if (paymentIntent && (paymentIntent.status === "succeeded" || paymentIntent.status === "processing")) {
      onPaid();
      return;
    }
    setError("The payment did not go through. Please try another card.");
    setBusy(false);
  }

  return (
    <form onSubmit={submit}>
      <PaymentElement />
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button-primary button-block" disabled={!stripe || busy}>
        {busy ? "Processing…" : "Pay now"}
      </button>
    </form>
  );
}
