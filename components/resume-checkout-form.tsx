"use client";

import { useState } from "react";
import Link from "next/link";
import { resumeCheckout } from "@/app/actions/resume-checkout";
import type { CheckoutSession } from "@/lib/site/types";
import { emptyGuest, focusFirstError, GuestDetailsFields, validateGuest, type GuestDetails, type GuestErrors } from "./guest-details";

// Paying a hold that this browser did not place (the chatbot's /checkout?holdId=... link).

export function ResumeCheckoutForm({ holdId, onReady }: { holdId: string; onReady: (session: CheckoutSession) => void }) {
  const [guest, setGuest] = useState<GuestDetails>(emptyGuest);
  const [errors, setErrors] = useState<GuestErrors>({});
  const [failure, setFailure] = useState<{ message: string; final: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errs = validateGuest(guest);
    setErrors(errs);
    if (Object.keys(errs).length > 0) {
      focusFirstError(errs);
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const result = await resumeCheckout({ holdId, customer: guest });
      if (result.ok) {
        onReady(result.session);
        return;
      }
      if (result.fieldErrors) setErrors(result.fieldErrors as GuestErrors);
      const final = ["HOLD_EXPIRED", "HOLD_NOT_ACTIVE", "NOT_FOUND"].includes(result.code);
      setFailure({
        message: result.code === "NOT_FOUND" ? "We could not find this reservation. The link may be incomplete." : result.message,
        final,
      });
    } catch {
      setFailure({ message: "We could not open the payment right now. Please try again in a moment.", final: false });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card guest-form" onSubmit={onSubmit} noValidate aria-labelledby="resume-title" data-testid="resume-checkout">
      <h2 id="resume-title">Complete your reservation</h2>
      <p className="muted">Your dates are held for you. Tell us who is staying to continue to payment.</p>
      <GuestDetailsFields value={guest} errors={errors} onChange={setGuest} />
      {failure && (
        <div className="notice notice-error" role="alert" data-testid="resume-error">
          <p>{failure.message}</p>
          {failure.final && (
            <p>
              <Link href="/">Choose your stay again</Link>
            </p>
          )}
        </div>
      )}
      <button type="submit" className="button button-primary button-block" disabled={busy} aria-disabled={busy}>
        {busy ? "Opening payment…" : "Continue to payment"}
      </button>
    </form>
  );
}
