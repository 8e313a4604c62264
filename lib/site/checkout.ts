import "server-only";
import { z } from "zod";
import type { checkoutResponse } from "@/lib/api/schemas/checkout";
import { callApi, getUnit, type ApiResult } from "./api";
import { fieldErrors, friendly } from "./api-errors";
import type { StayAlternative } from "./types";

// What the site's Reserve and Resume actions share: the guest form, the call that opens
// checkout for a hold, and the mapping of API errors to what the form shows.

export const guestInput = z.object({
  firstName: z.string().max(200),
  lastName: z.string().max(200),
  email: z.string().max(300),
  phone: z.string().max(64).optional(),
});

export type GuestInput = z.infer<typeof guestInput>;

/** Trimmed, with an empty phone left out (the API treats phone as optional, not blank). */
export function cleanGuest(c: GuestInput) {
  return {
    firstName: c.firstName.trim(),
    lastName: c.lastName.trim(),
    email: c.email.trim(),
    ...(c.phone && c.phone.trim() ? { phone: c.phone.trim() } : {}),
  };
}

export interface ActionFailure {
  ok: false;
  code: string;
  message: string;
  /** Field errors keyed by the form's field names (firstName, email, ...). */
  fieldErrors?: Record<string, string>;
  /** Stays the API offered instead of a refused one (one-click choices). */
  alternatives?: StayAlternative[];
}

export function actionFailure(res: Extract<ApiResult<unknown>, { ok: false }>): ActionFailure {
  const details = res.error.details as { rule?: unknown; alternatives?: unknown } | undefined;
  const refusedStay = typeof details?.rule === "string";
  return {
    ok: false,
    code: res.error.code,
    message:
      // A refused stay (party too large, pets, a stay rule) says why in its own words.
      refusedStay && res.error.code !== "UNAVAILABLE"
        ? (res.error.issues?.map((i) => i.message).join(" ") || res.error.message)
        : res.error.code === "VALIDATION_FAILED"
          ? "Please check the highlighted fields."
          : friendly(res.error.code, res.error.message, res.status, res.error.details),
    fieldErrors: refusedStay ? undefined : fieldErrors(res.error.issues),
    alternatives: Array.isArray(details?.alternatives) ? (details.alternatives as StayAlternative[]) : undefined,
  };
}

export type CheckoutResponse = z.output<typeof checkoutResponse>;

/** POST /api/v1/checkout for a hold: the hold's one PaymentIntent (the same one when called again). */
export function openCheckout(holdId: string, customer: ReturnType<typeof cleanGuest>, guestIp: string | undefined) {
  return callApi<CheckoutResponse>("/checkout", { method: "POST", service: true, guestIp, body: { holdId, customer } });
}

/** The unit's name and slug for the checkout summary. */
export async function unitLabel(unitId: string): Promise<{ slug: string; name: string } | null> {
  const res = await getUnit(unitId);
  return res.ok && res.data ? { slug: res.data.slug, name: res.data.name } : null;
}
