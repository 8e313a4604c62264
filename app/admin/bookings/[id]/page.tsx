import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CancelPanel } from "@/components/admin/cancel-panel";
import { NoteForm } from "@/components/admin/note-form";
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
          <dt>Total</dt><dd>{formatMoney(booking.totalCents, booking.currency)}</dd>
          <dt>Payment</dt><dd>{booking.payment ? `${formatMoney(booking.payment.amountCents, booking.currency)} ${booking.payment.status} (${booking.payment.stripeIntentId})` : "none recorded"}</dd>
          <dt>Booking id</dt><dd><code>{booking.id}</code></dd>
        </dl>
      </div>
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
