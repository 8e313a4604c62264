"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatMoneyExact } from "@/lib/site/format";
import { postAdmin } from "./post-admin";

interface Preview {
  cancellable: boolean;
  refundCents: number;
  refundableCents: number;
  rule: string;
}

const ruleText: Record<string, string> = {
  grace: "free-cancellation period",
  tier: "the booking's cancellation policy",
  after_arrival: "cancelled after arrival",
  owner: "your amount",
  already_cancelled: "already cancelled",
};

/** Cancel with the refund preview first; the owner (or staff within their limit) may set the amount. */
export function CancelPanel({ bookingId, isOwner }: { bookingId: string; isOwner: boolean }) {
  const router = useRouter();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ kind: "error" | "ok"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/admin/bookings/${encodeURIComponent(bookingId)}`;
  const refundCents = amount.trim() === "" ? undefined : Math.round(Number(amount) * 100);

  async function showPreview() {
    setBusy(true);
    const result = await postAdmin<Preview>(`${base}/cancellation-preview`, { refundCents });
    setBusy(false);
    if (result.ok) setPreview(result.data);
    else setMessage({ kind: "error", text: result.message });
  }

  async function confirm() {
    setBusy(true);
    const result = await postAdmin<{ refundCents: number }>(`${base}/cancel`, { refundCents, reason: reason.trim() || undefined });
    setBusy(false);
    if (!result.ok) return setMessage({ kind: "error", text: result.message });
    setMessage({ kind: "ok", text: `Cancelled. Refund: ${formatMoneyExact(result.data.refundCents)}.` });
    router.refresh();
  }

  return (
    <div className="stack">
      <label htmlFor="cancel-amount">Refund amount in dollars (leave empty to follow the policy)</label>
      <input id="cancel-amount" inputMode="decimal" value={amount} onChange={(e) => { setAmount(e.target.value); setPreview(null); }} />
      <label htmlFor="cancel-reason">Reason (kept with the booking)</label>
      <input id="cancel-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      <button type="button" className="button" disabled={busy} onClick={() => void showPreview()}>Preview refund</button>
      {preview && (
        <p role="status" className="notice">
          {preview.cancellable
            ? `Cancelling now refunds ${formatMoneyExact(preview.refundCents)} (${ruleText[preview.rule] ?? preview.rule}); ${formatMoneyExact(preview.refundableCents)} is refundable in all.`
            : "This booking is already cancelled."}
          {!isOwner ? " Staff may refund up to their limit; larger refunds need the owner." : ""}
        </p>
      )}
      {preview?.cancellable && (
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void confirm()}>
          Cancel booking and refund {formatMoneyExact(preview.refundCents)}
        </button>
      )}
      {message && <p role={message.kind === "error" ? "alert" : "status"} className={`notice${message.kind === "error" ? " notice-error" : ""}`}>{message.text}</p>}
    </div>
  );
}
