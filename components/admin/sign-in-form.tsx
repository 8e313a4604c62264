"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";

export function SignInForm({ sent: initiallySent }: { sent: boolean }) {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(initiallySent);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await signIn("email", { email, redirect: false, callbackUrl: "/admin" });
    setBusy(false);
    if (result?.error) setError("We could not send a link right now. Wait a minute and try again.");
    else setSent(true);
  }

  if (sent) {
    return (
      <p role="status" className="notice">
        If that address belongs to the owner or staff, a sign-in link is on its way. It works once, for 15 minutes.
      </p>
    );
  }
  return (
    <form onSubmit={submit} className="stack" noValidate>
      <label htmlFor="email">Your email</label>
      <input id="email" name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} aria-describedby={error ? "sign-in-error" : undefined} />
      {error ? (
        <p id="sign-in-error" role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={busy || email.length === 0}>
        {busy ? "Sending…" : "Email me a sign-in link"}
      </button>
    </form>
  );
}
