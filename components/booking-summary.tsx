import type { BookingDetails } from "@/lib/server/bookings/get-booking-details";
import type { PropertyInfo } from "@/lib/server/property/get-property-info";
import { formatDate, formatMoneyExact, formatTimeOfDay, plural } from "@/lib/site/format";

// A booking's facts and priced lines, for the manage page and the receipt (server components).

export function BookingSummary({ booking, property }: { booking: BookingDetails; property: PropertyInfo }) {
  return (
    <dl className="summary">
      <div>
        <dt>Booking code</dt>
        <dd>
          <code data-testid="booking-code">{booking.code}</code>
        </dd>
      </div>
      <div>
        <dt>Stay</dt>
        <dd data-testid="booking-unit">{booking.unit.name}</dd>
      </div>
      <div>
        <dt>Check-in</dt>
        <dd data-testid="booking-checkin">
          {formatDate(booking.checkIn)} · from {formatTimeOfDay(property.checkInTime, property.checkInTime)}
        </dd>
      </div>
      <div>
        <dt>Check-out</dt>
        <dd data-testid="booking-checkout">
          {formatDate(booking.checkOut)} · by {formatTimeOfDay(property.checkOutTime, property.checkOutTime)}
        </dd>
      </div>
      <div>
        <dt>Nights</dt>
        <dd>{plural(booking.nights, "night")}</dd>
      </div>
      {booking.party ? (
        <div>
          <dt>Party</dt>
          <dd>{booking.party}</dd>
        </div>
      ) : null}
      <div>
        <dt>Guest</dt>
        <dd>
          {booking.guest.firstName} {booking.guest.lastName}
        </dd>
      </div>
    </dl>
  );
}

export function PriceTable({ booking }: { booking: BookingDetails }) {
  return (
    <table className="quote-table" data-testid="price-lines">
      <tbody>
        {booking.lineItems.map((line, i) => (
          <tr key={i}>
            <td>{line.label}</td>
            <td className="num">{formatMoneyExact(line.amountCents, booking.currency)}</td>
          </tr>
        ))}
        <tr className="summary-total">
          <th scope="row">Total paid</th>
          <td className="num" data-testid="booking-total">
            {formatMoneyExact(booking.totalCents, booking.currency)}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
