import { bookingIdParams, bookingNoteBody } from "@/lib/api/schemas/admin";
import { addBookingNote } from "@/lib/server/admin/add-booking-note";
import { assertRole } from "@/lib/server/auth/session";
import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = defineRoute({
  route: "/api/admin/bookings/[id]/notes",
  access: "console-staff",
  cors: "none",
  params: bookingIdParams,
  body: bookingNoteBody,
  handler: async ({ params, body, admin }) =>
    json(await addBookingNote({ bookingId: params.id, text: body.text, actor: assertRole(admin, "STAFF") }), 201),
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/admin/bookings/[id]/notes", ["POST"]);
