"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { cancelBooking } from "@/lib/server/bookings/cancel-booking";
import { getManagedBooking } from "@/lib/server/bookings/get-managed-booking";

// Cancel from the manage-my-booking page. The token in the form is checked again here (a server
// action is a public endpoint): it must open the booking, which must still be cancellable online.

const input = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/), confirm: z.literal("yes") });

export async function cancelManagedBooking(form: FormData): Promise<void> {
  const parsed = input.safeParse({ token: form.get("token"), confirm: form.get("confirm") });
  if (!parsed.success) redirect(`/bookings/manage/${encodeURIComponent(String(form.get("token") ?? ""))}?cancel=confirm`);
  const managed = await getManagedBooking(parsed.data.token);
  if (!managed) redirect("/bookings/find");
  if (managed.canCancel) await cancelBooking({ bookingId: managed.booking.id, actor: { kind: "guest" }, reason: "Cancelled by the guest online" });
  redirect(`/bookings/manage/${parsed.data.token}?cancelled=1`);
}
