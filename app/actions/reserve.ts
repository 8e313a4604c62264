"use server";

import { z } from "zod";
import { headers } from "next/headers";
import { callApi, guestIpOf } from "@/lib/site/api";
import { checkReserveLimit } from "@/lib/site/reserve-limit";
import { actionFailure, cleanGuest, guestInput, openCheckout, type ActionFailure } from "@/lib/site/checkout";

// Reserve = place a hold, then open checkout for it. Runs on the site's server so that
// SERVICE_API_KEY (sent as the Bearer token of both private calls) never reaches the browser.

const input = z.object({
  unitId: z.string().min(1).max(64),
  checkIn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  checkOut: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  guests: z.number().int().min(1).max(20),
  pets: z.number().int().min(0).max(2).optional(),
  customer: guestInput,
});

export type ReserveInput = z.infer<typeof input>;

export type ReserveResult =
  | {
      ok: true;
      holdId: string;
      paymentIntentId: string;
      clientSecret: string;
      amountCents: number;
      currency: string;
      expiresAt: string;
      cancellationPolicy: string[];
    }
  | ActionFailure;

interface HoldResponse {
  holdId: string;
  expiresAt: string;
}

export async function reserve(raw: ReserveInput): Promise<ReserveResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, code: "VALIDATION_FAILED", message: "Please check the form and try again." };
  const { unitId, checkIn, checkOut, guests, pets } = parsed.data;
  const customer = cleanGuest(parsed.data.customer);

  const guestIp = guestIpOf(headers());
  const limited = await checkReserveLimit(guestIp);
  if (limited) return limited;
  const hold = await callApi<HoldResponse>("/holds", {
    method: "POST",
    service: true,
    guestIp,
    body: { unitId, checkIn, checkOut, guests, ...(pets ? { pets } : {}), customer },
  });
  if (!hold.ok) return actionFailure(hold);

  const checkout = await openCheckout(hold.data.holdId, customer, guestIp);
  if (!checkout.ok) return actionFailure(checkout);
  const d = checkout.data;
  return {
    ok: true,
    holdId: hold.data.holdId,
    paymentIntentId: d.paymentIntentId,
    clientSecret: d.clientSecret,
    amountCents: d.amountCents,
    currency: d.currency,
    expiresAt: d.expiresAt,
    cancellationPolicy: d.cancellationPolicy.summary,
  };
}
