import type { BookingDetails } from "@/lib/server/bookings/get-booking-details";
import type { PropertyInfo } from "@/lib/server/property/get-property-info";
import { EmailFrame, ManageLink, P, StaySummary } from "./parts";

export function preArrivalSubject(booking: BookingDetails, property: PropertyInfo): string {
  return `See you soon: arrival details for ${booking.unit.name}, ${booking.checkIn} (${booking.code}) · ${property.name}`;
}

export function PreArrival(props: { booking: BookingDetails; property: PropertyInfo; manageUrl: string | null }) {
  const { booking, property } = props;
  return (
    <EmailFrame preview={`Arrival details for ${booking.code}`} title={`Your stay is almost here, ${booking.guest.firstName}`} property={property}>
      <StaySummary booking={booking} property={property} />
      <P>
        <strong>Arrival instructions</strong>
      </P>
      {property.arrivalInstructions.split(/\n+/).map((line, i) => (
        <P key={i}>{line}</P>
      ))}
      <ManageLink url={props.manageUrl} />
    </EmailFrame>
  );
}
