"use client";

import { useFormState, useFormStatus } from "react-dom";
import { findBooking, type FindBookingState } from "@/app/actions/find-booking";

function Submit() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button button-primary" disabled={pending}>
      {pending ? "Looking…" : "Find my booking"}
    </button>
  );
}

export function FindBookingForm() {
  const [state, action] = useFormState<FindBookingState, FormData>(findBooking, {});
  return (
    <form action={action} className="card" noValidate>
      <div className="field">
        <label htmlFor="code">Booking code</label>
        <input id="code" name="code" autoComplete="off" placeholder="PAC-7KX3MQ" required maxLength={20} />
      </div>
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="email" required maxLength={254} />
      </div>
      {state.error ? (
        <p className="notice notice-error" role="alert" data-testid="find-error">
          {state.error}
        </p>
      ) : null}
      <Submit />
    </form>
  );
}
