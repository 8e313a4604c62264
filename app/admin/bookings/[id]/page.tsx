import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CancelPanel } from "@/components/admin/cancel-panel";
import { NoteForm } from "@/components/admin/note-form";
import { ResendConfirmationButton } from "@/components/admin/resend-confirmation-button";
import { getBookingDetail } from "@/lib/server/admin/get-booking-detail";
import { requireAdminPage } from "@/lib/server/auth/require-admin-page";
import { AppError } from "@/lib/server/errors";
import { formatDate, formatMoney, formatMoneyExact } from "@/lib/site/format";

export const metadata: Metadata = { title: "Booking" };

const when = (d: Date) => d.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });

export default async function BookingPage({ params }: { params: { id: string } }) {
  const admin = await requireAdminPage();
  const booking = await getBookingDetail({ bookingId: params.id }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <>
      <h1>{booking.guest.name} · {booking.unit.name}</h1>
      <div className="admin-card">
        <dl>
          <dt>Status</dt><dd className={`status-${booking.status}`}>{booking.status === "CONFIRMED" ? "Confirmed" : "Cancelled"}</dd>
          <dt>Stay</dt><dd>{formatDate(booking.checkIn, { weekday: true, year: true })} – {formatDate(booking.checkOut, { weekday: true, year: true })}</dd>
          <dt>Guest</dt><dd>{booking.guest.name} · <a href={`mailto:${booking.guest.email}`}>{booking.guest.email}</a>{booking.guest.phone ? ` · ${booking.guest.phone}` : ""}</dd>
          <dt>Total</dt>
          <dd>
            {formatMoney(booking.totalCents, booking.currency)}
            {booking.engineTotalCents !== null && booking.engineTotalCents !== booking.totalCents ? ` (rates gave ${formatMoneyExact(booking.engineTotalCents, booking.currency)}; owner adjustment)` : ""}
          </dd>
          <dt>Taken</dt><dd>{booking.source === "CONSOLE" ? "In the console (manual booking)" : "Online"}</dd>
          <dt>Payment</dt><dd>{paymentText(booking)}</dd>
          <dt>Booking id</dt><dd><code>{booking.id}</code></dd>
        </dl>
      </div>
      {booking.lineItems.length > 0 && (
        <div className="admin-card">
          <h2>Price</h2>
          <table className="data">
            <tbody>
              {booking.lineItems.map((line, i) => <tr key={i}><th scope="row">{line.label}</th><td>{formatMoneyExact(line.amountCents, booking.currency)}</td></tr>)}
            </tbody>
          </table>
        </div>
      )}
      {booking.refunds.length > 0 && (
        <div className="admin-card">
          <h2>Refunds</h2>
          <ul>
            {booking.refunds.map((r) => (
              <li key={r.id}>
                {formatMoneyExact(r.amountCents, booking.currency)} · {r.status.toLowerCase()}{r.needsAttention ? " · needs your attention" : ""} · {when(r.at)}{r.reason ? ` · ${r.reason}` : ""}
              </li>
            ))}
          </ul>
        </div>
      )}
      {booking.status === "CONFIRMED" && (
        <div className="admin-card">
          <h2>Cancel</h2>
          <CancelPanel bookingId={booking.id} isOwner={admin.role === "OWNER"} />
        </div>
      )}
      <div className="admin-card">
        <h2>Emails</h2>
        {booking.emails.length === 0 ? <p>No emails for this booking.</p> : (
          <div className="table-wrap">
            <table className="data">
              <thead><tr><th scope="col">Email</th><th scope="col">To</th><th scope="col">Status</th><th scope="col">Sent</th></tr></thead>
              <tbody>
                {booking.emails.map((m) => (
                  <tr key={m.id}>
                    <td>{m.kind}</td>
                    <td>{m.to}</td>
                    <td>{m.status.toLowerCase()}{m.status !== "SENT" && m.attempts > 0 ? ` after ${m.attempts} attempt${m.attempts === 1 ? "" : "s"}${m.lastError ? ` (${m.lastError})` : ""}` : ""}</td>
                    <td>{m.sentAt ? when(m.sentAt) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {booking.status === "CONFIRMED" && <ResendConfirmationButton bookingId={booking.id} />}
      </div>
      <div className="admin-card">
        <h2>Internal notes</h2>
        {booking.notes.length === 0 ? <p>No notes yet.</p> : (
          <ul>{booking.notes.map((n) => <li key={n.id}><strong>{n.by}</strong>, {when(n.at)}: {n.text}</li>)}</ul>
        )}
        <NoteForm bookingId={booking.id} />
      </div>
      <div className="admin-card">
        <h2>History</h2>
        <ol>{booking.history.map((h, i) => <li key={i}>{when(h.at)} · {h.what} <small>({h.by})</small></li>)}</ol>
      </div>
    </>
  );
}

function paymentText(booking: Awaited<ReturnType<typeof getBookingDetail>>): string {
  const p = booking.payment;
  if (!p) return "none recorded";
  const amount = formatMoney(p.amountCents, booking.currency);
  if (p.stripeIntentId === null) return `${amount} paid offline (${(p.method ?? "").replaceAll("_", " ")})`;
  return `${amount} ${p.status} (${p.stripeIntentId})`;
}
