import "server-only";
import { lookupBookingBody } from "@/lib/api/schemas/bookings";
import { lookupBooking } from "@/lib/server/bookings/lookup-booking";
import { clientIp } from "@/lib/server/http/client-ip";
import { enforceRateLimit } from "@/lib/server/http/rate-limit";
import { sayDate, sayMoney, sayNights } from "../say";
import { defineTool } from "../types";

export const findBookingTool = defineTool({
  name: "find_booking",
  title: "Find a booking",
  description:
    "A guest's booking by its booking code (PAC-XXXXXX, from the confirmation email) and the email they booked with: status, " +
    "unit, dates, total, the bookingId and a link where the guest can manage it. A wrong code and a wrong " +
    "email get the same answer.",
  input: lookupBookingBody,
  mutating: false,
  async run(args, { identity, request }) {
    // The same budget as POST /api/v1/bookings/lookup: per caller and client, whatever the code.
    await enforceRateLimit("lookup", `${identity.id}:${clientIp(request.headers) ?? "unknown"}:any`);
    const b = await lookupBooking(args);
    const say =
      `Booking ${b.code} for ${b.guestName}: ${b.unit.name}, ${sayNights(b.nights)} from ${sayDate(b.checkIn)} to ` +
      `${sayDate(b.checkOut)}, ${sayMoney(b.totalCents, b.currency)}, ${b.status === "CONFIRMED" ? "confirmed" : "cancelled"}.`;
    return { data: { ...b }, say };
  },
});
