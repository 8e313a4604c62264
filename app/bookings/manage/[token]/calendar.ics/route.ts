import { getManagedBooking } from "@/lib/server/bookings/get-managed-booking";
import { buildBookingIcs } from "@/lib/server/bookings/build-booking-ics";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// The guest's stay as a calendar file, behind the manage link's token; anything else is a plain 404.
export async function GET(_request: Request, context: { params: { token: string } }): Promise<Response> {
  const managed = await getManagedBooking(context.params.token);
  if (!managed) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  return new Response(buildBookingIcs(managed.booking, managed.property), {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="${managed.booking.code}.ics"`,
      "cache-control": "private, no-store",
      "referrer-policy": "no-referrer",
    },
  });
}
