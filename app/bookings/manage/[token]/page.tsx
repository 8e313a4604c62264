import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cancelManagedBooking } from "@/app/actions/manage-booking";
import { BookingSummary, PriceTable } from "@/components/booking-summary";
import { getManagedBooking } from "@/lib/server/bookings/get-managed-booking";
import { formatMoneyExact } from "@/lib/site/format";

// Manage my booking: the page every guest email links to. The token in the path is the only key;
// a wrong, revoked or expired one is a plain 404 that says nothing about any booking.

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your booking", robots: { index: false, follow: false }, referrer: "no-referrer" };

export default async function ManageBookingPage({
  params,
  searchParams,
}: {
  params: { token: string };
  searchParams: Record<string, string | string[] | undefined>;
}) {
  const managed = await getManagedBooking(params.token);
  if (!managed) notFound();
  const { booking, property, canCancel, refundPreview } = managed;
  const token = params.token;
  const cancelled = booking.status === "CANCELLED";

  return (
    <div className="narrow">
      <section className="card" aria-labelledby="manage-title" data-testid="manage-booking">
        <p className={cancelled ? "badge" : "badge badge-success"} data-testid="booking-status">
          {cancelled ? "Cancelled" : "Confirmed"}
        </p>
        <h1 id="manage-title">Your stay at {booking.unit.name}</h1>
        {searchParams.cancelled === "1" && cancelled ? (
          <p className="notice" role="status">
            Your booking is cancelled. We have emailed you a confirmation.
          </p>
        ) : null}
        <BookingSummary booking={booking} property={property} />
        <PriceTable booking={booking} />
        {booking.policySummary ? <p className="small">Cancellation policy: {booking.policySummary}</p> : null}
        <ul>
          <li>
            <a href={`/bookings/manage/${token}/calendar.ics`} download={`${booking.code}.ics`} data-testid="download-ics">
              Add to your calendar (.ics)
            </a>
          </li>
          <li>
            <a href={`/bookings/${booking.code}/receipt?token=${token}`} data-testid="receipt-link">
              Printable receipt
            </a>
          </li>
        </ul>
      </section>

      {canCancel ? (
        <section className="card" aria-labelledby="cancel-title">
          <h2 id="cancel-title">Cancel this booking</h2>
          {refundPreview ? (
            <p data-testid="refund-preview">
              {refundPreview.refundCents > 0
                ? `Cancelling now refunds ${formatMoneyExact(refundPreview.refundCents, refundPreview.currency)} to your card, under the policy you booked with.`
                : "Cancelling now refunds nothing under the policy you booked with."}
            </p>
          ) : null}
          {searchParams.cancel === "confirm" ? (
            <p className="notice notice-warn" role="alert">
              Tick the box to confirm the cancellation.
            </p>
          ) : null}
          <form action={cancelManagedBooking}>
            <input type="hidden" name="token" value={token} />
            <label className="field">
              <input type="checkbox" name="confirm" value="yes" /> Yes, cancel my stay at {booking.unit.name}
            </label>
            <button type="submit" className="button">
              Cancel booking
            </button>
          </form>
        </section>
      ) : null}

      <p className="small muted">
        Questions? Call {property.phone} or email <a href={`mailto:${property.email}`}>{property.email}</a> and quote {booking.code}.{" "}
        <Link href="/">Back to our stays</Link>
      </p>
    </div>
  );
}
