import type { BookingDetails } from "@/lib/server/bookings/get-booking-details";
import type { PropertyInfo } from "@/lib/server/property/get-property-info";
import { EmailFrame, ManageLink, P, PriceLines, StaySummary } from "./parts";

export function guestConfirmationSubject(booking: BookingDetails, property: PropertyInfo): string {
  return `Booking confirmed: ${booking.unit.name}, ${booking.checkIn} (${booking.code}) · ${property.name}`;
}

export function GuestConfirmation(props: { booking: BookingDetails; property: PropertyInfo; manageUrl: string | null }) {
  const { booking, property } = props;
  return (
    <EmailFrame preview={`Your stay at ${booking.unit.name} is booked: ${booking.code}`} title={`You're booked, ${booking.guest.firstName}!`} property={property}>
      <P>Thank you for booking with {property.name}. Your calendar file is attached.</P>
      <StaySummary booking={booking} property={property} />
      <PriceLines booking={booking} />
      {booking.policySummary ? <P>Cancellation policy: {booking.policySummary}</P> : null}
      <ManageLink url={props.manageUrl} />
      <P>Quote your booking code {booking.code} when you contact us.</P>
    </EmailFrame>
  );
}
