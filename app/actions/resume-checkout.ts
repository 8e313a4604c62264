"use server";

import { z } from "zod";
import { headers } from "next/headers";
import { guestIpOf } from "@/lib/site/api";
import { actionFailure, cleanGuest, guestInput, openCheckout, unitLabel, type ActionFailure } from "@/lib/site/checkout";
import type { CheckoutSession } from "@/lib/site/types";

// Opens checkout for a hold this browser did not place: a chatbot placed the hold and sent the
// guest a /checkout?holdId=... link. Checkout is idempotent per hold, so a hold whose checkout
// the bot already started resumes the same PaymentIntent.

const input = z.object({
  holdId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  customer: guestInput,
});

export type ResumeCheckoutInput = z.infer<typeof input>;
export type ResumeCheckoutResult = { ok: true; session: CheckoutSession } | ActionFailure;

export async function resumeCheckout(raw: ResumeCheckoutInput): Promise<ResumeCheckoutResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, code: "VALIDATION_FAILED", message: "Please check the form and try again." };

  const checkout = await openCheckout(parsed.data.holdId, cleanGuest(parsed.data.customer), guestIpOf(headers()));
  if (!checkout.ok) return actionFailure(checkout);
  const d = checkout.data;
  const unit = (await unitLabel(d.unitId)) ?? { slug: d.unitId, name: "Your stay" };
  return {
    ok: true,
    session: {
      holdId: d.holdId,
      paymentIntentId: d.paymentIntentId,
      clientSecret: d.clientSecret,
      amountCents: d.amountCents,
      currency: d.currency,
      expiresAt: d.expiresAt,
      unit,
      checkIn: d.checkIn,
      checkOut: d.checkOut,
      ...(d.guests ? { guests: d.guests } : {}),
      pets: d.pets,
      cancellationPolicy: d.cancellationPolicy.summary,
    },
  };
}
