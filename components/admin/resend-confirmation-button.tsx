"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { postAdmin } from "./post-admin";

const newKey = () => crypto.randomUUID();

/**
 * One key per deliberate resend: a double click or a retried request sends the same key and the
 * server queues one message; after it answers, the next click is a new resend with a new key.
 */
export function ResendConfirmationButton({ bookingId }: { bookingId: string }) {
  const router = useRouter();
  const [requestKey, setRequestKey] = useState(newKey);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  async function resend() {
    setBusy(true);
    const result = await postAdmin<{ queued: boolean }>(`/api/admin/bookings/${encodeURIComponent(bookingId)}/resend-confirmation`, { requestKey });
    setBusy(false);
    if (!result.ok) return setMessage({ kind: "error", text: result.message });
    setRequestKey(newKey());
    setMessage({ kind: "ok", text: "The confirmation is on its way to the guest." });
    router.refresh();
  }

  return (
    <div className="stack">
      <button type="button" className="button" disabled={busy} onClick={() => void resend()}>Resend confirmation</button>
      {message && <p role={message.kind === "error" ? "alert" : "status"} className={`notice${message.kind === "error" ? " notice-error" : ""}`}>{message.text}</p>}
    </div>
  );
}
