import type { BookingDetails } from "@/lib/server/bookings/get-booking-details";
import type { PropertyInfo } from "@/lib/server/property/get-property-info";
import { formatMoneyExact } from "@/lib/site/format";
import { EmailFrame, P, PriceLines, StaySummary } from "./parts";

export type OwnerAlertKind = "booked" | "cancelled";

export function ownerAlertSubject(kind: OwnerAlertKind, booking: BookingDetails): string {
  const what = kind === "booked" ? "New booking" : "Cancelled";
  return `${what}: ${booking.unit.name} ${booking.checkIn} → ${booking.checkOut} (${booking.code})`;
}

export function OwnerAlert(props: { kind: OwnerAlertKind; booking: BookingDetails; property: PropertyInfo; refund: { amountCents: number; currency: string } | null }) {
  const { booking, property } = props;
  return (
    <EmailFrame
      preview={ownerAlertSubject(props.kind, booking)}
      title={props.kind === "booked" ? "New booking" : "Booking cancelled"}
      property={property}
    >
      <StaySummary booking={booking} property={property} />
      <P>
        Contact: {booking.guest.email}
        {booking.guest.phone ? `, ${booking.guest.phone}` : ""}
      </P>
      {props.kind === "booked" ? <PriceLines booking={booking} /> : null}
      {props.kind === "cancelled" ? (
        <P>{props.refund ? `Refunded: ${formatMoneyExact(props.refund.amountCents, props.refund.currency)}` : "No refund recorded."}</P>
      ) : null}
    </EmailFrame>
  );
}
