import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BookingSummary, PriceTable } from "@/components/booking-summary";
import { PrintButton } from "@/components/print-button";
import { getReceiptBooking } from "@/lib/server/bookings/get-managed-booking";
import { formatDate } from "@/lib/site/format";

// A printable receipt. Opened from the manage page with its token; the code alone opens nothing.

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Receipt", robots: { index: false, follow: false }, referrer: "no-referrer" };

export default async function ReceiptPage({ params, searchParams }: { params: { code: string }; searchParams: Record<string, string | string[] | undefined> }) {
  const token = typeof searchParams.token === "string" ? searchParams.token : "";
  const managed = token ? await getReceiptBooking(params.code, token) : null;
  if (!managed) notFound();
  const { booking, property } = managed;
  const a = property.address;
  return (
    <div className="narrow receipt" data-testid="receipt">
      <h1>Receipt {booking.code}</h1>
      <p>
        {property.name}
        <br />
        {a.line1}
        {a.line2 ? `, ${a.line2}` : ""}
        <br />
        {a.city}, {a.region} {a.postalCode}
        <br />
        {property.phone} · {property.email}
      </p>
      <p>
        Billed to: {booking.guest.firstName} {booking.guest.lastName}, {booking.guest.email}
        <br />
        {booking.paidAt ? `Paid on ${formatDate(booking.paidAt.toISOString().slice(0, 10))}` : null}
        {booking.status === "CANCELLED" ? " · This booking was cancelled." : null}
      </p>
      <BookingSummary booking={booking} property={property} />
      <PriceTable booking={booking} />
      <PrintButton />
    </div>
  );
}
