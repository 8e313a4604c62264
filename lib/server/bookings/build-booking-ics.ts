import "server-only";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { PropertyInfo } from "@/lib/server/property/get-property-info";
import { propertyInstant } from "@/lib/server/ical/build-unit-calendar";
import type { BookingDetails } from "./get-booking-details";

/**
 * The guest's stay as an .ics file calendar apps import: one event from check-in time on the
 * arrival day to check-out time on the departure day, in the property's time zone (written as
 * UTC instants, so no VTIMEZONE block is needed). The UID is fixed per booking, so importing an
 * updated file (e.g. after a cancellation) replaces the event instead of adding a second one.
 */
export function buildBookingIcs(booking: BookingDetails, property: PropertyInfo): string {
  const address = [property.address.line1, property.address.line2, `${property.address.city}, ${property.address.region} ${property.address.postalCode}`]
    .filter(Boolean)
    .join(", ");
  const calendar = ical({
    prodId: { company: "Palm Aire Court", product: "Booking", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    x: { "X-WR-TIMEZONE": property.timezone },
  });
  calendar.createEvent({
    id: `booking-${booking.id}@palmairecourt`,
    start: propertyInstant(booking.checkIn, property.checkInTime, property.timezone),
    end: propertyInstant(booking.checkOut, property.checkOutTime, property.timezone),
    stamp: booking.cancelledAt ?? booking.createdAt,
    summary: `${property.name}: ${booking.unit.name} (${booking.code})`,
    description: `Booking ${booking.code}. Check-in from ${property.checkInTime}, check-out by ${property.checkOutTime}. Questions: ${property.phone}, ${property.email}.`,
    location: address,
    status: booking.status === "CANCELLED" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
