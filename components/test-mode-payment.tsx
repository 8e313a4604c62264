"use client";

import { useState } from "react";
import { payInTestMode } from "@/app/actions/test-payment";

// Shown when no Stripe publishable key is configured (the zero-setup dev start and the browser
// tests): a clearly labelled test card form. The server confirms the PaymentIntent with a Stripe
// test payment method, and the booking is then created by the real signed webhook.

export function TestModePayment({ paymentIntentId, amountLabel, onPaid }: { paymentIntentId: string; amountLabel: string; onPaid: () => void }) {
  const [card, setCard] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!card.trim()) {
      setError("Please enter a test card number.");
      document.getElementById("test-card")?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await payInTestMode({ paymentIntentId, cardNumber: card });
      if (result.ok) {
        onPaid();
        return;
      }
      setError(result.message);
    } catch {
      setError("We could not reach the server. Please try again.");
    }
    setBusy(false);
  }

  return (
    <form onSubmit={submit} noValidate className="test-payment" aria-describedby="test-mode-banner">
      <div id="test-mode-banner" className="test-banner" role="note">
        <strong>Test mode — no real card is charged.</strong> Use <code>4242 4242 4242 4242</code> to pay, or{" "}
        <code>4000 0000 0000 0002</code> to see a declined card.
      </div>
      <div className="field">
        <label htmlFor="test-card">Card number (test)</label>
        <input
          id="test-card"
          name="card"
          inputMode="numeric"
          autoComplete="off"
          placeholder="4242 4242 4242 4242"
          value={card}
          onChange={(e) => setCard(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "test-card-error" : undefined}
          maxLength={23}
        />
      </div>
      {error && (
        <p id="test-card-error" className="notice notice-error" role="alert" data-testid="payment-error">
          {error}
        </p>
      )}
      <button type="submit" className="button button-primary button-block" disabled={busy}>
        {busy ? "Processing…" : `Pay ${amountLabel}`}
      </button>
    </form>
  );
}
