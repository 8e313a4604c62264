"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { postAdmin } from "./post-admin";

export function NoteForm({ bookingId }: { bookingId: string }) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await postAdmin(`/api/admin/bookings/${encodeURIComponent(bookingId)}/notes`, { text });
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setError(null);
    setText("");
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="stack">
      <label htmlFor="note">Add a note (only the owner and staff see it)</label>
      <textarea id="note" rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? "note-error" : undefined} />
      {error ? <p id="note-error" role="alert" className="field-error">{error}</p> : null}
      <button type="submit" className="button" disabled={busy || text.trim().length === 0}>Add note</button>
    </form>
  );
}
