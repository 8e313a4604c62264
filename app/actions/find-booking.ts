"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { callApi, guestIpOf } from "@/lib/site/api";

// "Find my booking": code + email through the private lookup API (rate limited per guest), then
// on to the manage page its fresh link opens.

export interface FindBookingState {
  error?: string;
}

const input = z.object({ code: z.string().trim().min(1).max(20), email: z.string().trim().min(3).max(254) });

export async function findBooking(_state: FindBookingState, form: FormData): Promise<FindBookingState> {
  const parsed = input.safeParse({ code: form.get("code"), email: form.get("email") });
  if (!parsed.success) return { error: "Enter your booking code and the email you booked with." };
  const res = await callApi<{ manageUrl: string }>("/bookings/lookup", {
    method: "POST",
    service: true,
    guestIp: guestIpOf(headers()),
    body: parsed.data,
  });
  if (!res.ok) return { error: res.error.code === "VALIDATION_FAILED" ? "Enter your booking code and the email you booked with." : res.error.message };
  redirect(new URL(res.data.manageUrl).pathname);
}
