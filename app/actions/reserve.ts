"use server";

import { z } from "zod";
import { headers } from "next/headers";
import { callApi, guestIpOf } from "@/lib/site/api";

// Reserve = place a hold, then open checkout for it. Runs on the site's server so that
// SERVICE_API_KEY (sent as the Bearer token of both private calls) never reaches the browser.

const input = z.object({
  unitId: z.string().min(1).max(64),
  checkIn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  checkOut: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  customer: z.object({
    firstName: z.string().max(200),
    lastName: z.string().max(200),
    email: z.string().max(300),
    phone: z.string().max(64).optional(),
  }),
});

export type ReserveInput = z.infer<typeof input>;

export type ReserveResult =
  | { ok: true; holdId: string; paymentIntentId: string; clientSecret: string; amountCents: number; currency: string; expiresAt: string }
  | {
      ok: false;
      code: string;
      message: string;
      /** Field errors keyed by the form's field names (firstName, email, ...). */
      fieldErrors?: Record<string, string>;
    };

interface HoldResponse {
  holdId: string;
  expiresAt: string;
}
interface CheckoutResponse {
  clientSecret: string;
  paymentIntentId: string;
  amountCents: number;
  currency: string;
  expiresAt?: string;
}

function friendly(code: string, message: string, status: number): string {
  switch (code) {
    case "UNAVAILABLE":
    case "CONFLICT":
      return "Sorry, someone else has just reserved some of these nights. The calendar is refreshed; please pick other dates.";
    case "RATE_LIMITED":
      return "Too many reservation attempts in a short time. Please wait a minute and try again.";
    case "HOLD_EXPIRED":
    case "HOLD_NOT_ACTIVE":
      return "The reservation expired before checkout could start. Please reserve again.";
    case "UNPRICEABLE_STAY":
      return message;
    default:
      return status >= 500 ? "We could not reserve right now. Please try again in a moment." : message;
  }
}

function fieldErrors(issues: { path: string; message: string }[] | undefined): Record<string, string> | undefined {
  if (!issues?.length) return undefined;
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.split(".").pop() ?? issue.path;
    out[field] ??= issue.message;
  }
  return out;
}

export async function reserve(raw: ReserveInput): Promise<ReserveResult> {
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, code: "VALIDATION_FAILED", message: "Please check the form and try again." };
  const { unitId, checkIn, checkOut } = parsed.data;
  const c = parsed.data.customer;
  const customer = {
    firstName: c.firstName.trim(),
    lastName: c.lastName.trim(),
    email: c.email.trim(),
    ...(c.phone && c.phone.trim() ? { phone: c.phone.trim() } : {}),
  };

  const guestIp = guestIpOf(headers());
  const hold = await callApi<HoldResponse>("/holds", { method: "POST", service: true, guestIp, body: { unitId, checkIn, checkOut, customer } });
  if (!hold.ok) {
    return {
      ok: false,
      code: hold.error.code,
      message: hold.error.code === "VALIDATION_FAILED" ? "Please check the highlighted fields." : friendly(hold.error.code, hold.error.message, hold.status),
      fieldErrors: fieldErrors(hold.error.issues),
    };
  }

  const checkout = await callApi<CheckoutResponse>("/checkout", {
    method: "POST",
    service: true,
    guestIp,
    body: { holdId: hold.data.holdId, customer },
  });
  if (!checkout.ok) {
    return {
      ok: false,
      code: checkout.error.code,
      message: checkout.error.code === "VALIDATION_FAILED" ? "Please check the highlighted fields." : friendly(checkout.error.code, checkout.error.message, checkout.status),
      fieldErrors: fieldErrors(checkout.error.issues),
    };
  }
  const d = checkout.data;
  return {
    ok: true,
    holdId: hold.data.holdId,
    paymentIntentId: d.paymentIntentId,
    clientSecret: d.clientSecret,
    amountCents: d.amountCents,
    currency: d.currency,
    expiresAt: d.expiresAt ?? hold.data.expiresAt,
  };
}
