import type { BookingDetails } from "@/lib/server/bookings/get-booking-details";
import type { PropertyInfo } from "@/lib/server/property/get-property-info";
import { formatMoneyExact } from "@/lib/site/format";
import { EmailFrame, ManageLink, P, StaySummary } from "./parts";

export function guestCancellationSubject(booking: BookingDetails, property: PropertyInfo): string {
  return `Booking cancelled: ${booking.unit.name}, ${booking.checkIn} (${booking.code}) · ${property.name}`;
}

export function GuestCancellation(props: {
  booking: BookingDetails;
  property: PropertyInfo;
  refund: { amountCents: number; currency: string } | null;
  manageUrl: string | null;
}) {
  const { booking, property, refund } = props;
  return (
    <EmailFrame preview={`Booking ${booking.code} is cancelled`} title="Your booking is cancelled" property={property}>
      <P>Your booking {booking.code} has been cancelled and its nights released.</P>
      <StaySummary booking={booking} property={property} />
      {refund ? (
        <P>
          A refund of {formatMoneyExact(refund.amountCents, refund.currency)} is on its way to your card; banks usually show it within 5 to 10
          business days.
        </P>
      ) : (
        <P>No refund is due under this booking's terms. Contact us if you think this is wrong.</P>
      )}
      <ManageLink url={props.manageUrl} />
    </EmailFrame>
  );
}
