import "server-only";
import { createHoldBody } from "@/lib/api/schemas/holds";
import { env } from "@/lib/env";
import { createHold } from "@/lib/server/holds/create-hold";
import { getPaymentLink } from "@/lib/server/holds/get-payment-link";
import { clientIp } from "@/lib/server/http/client-ip";
import { enforceRateLimit } from "@/lib/server/http/rate-limit";
import { unitRateLimitKey } from "@/lib/server/units/unit-ref";
import { sayDate, sayTime } from "../say";
import { defineTool } from "../types";

export const placeHoldTool = defineTool({
  name: "place_hold",
  title: "Hold a stay",
  description:
    "Holds a unit's nights [checkIn, checkOut) for ttlMinutes (default 15) so the guest can pay; only after the guest confirms. " +
    "Pass customer (first name, last name, email) when you have it. Returns holdId, expiresAt and paymentUrl: send the guest " +
    "paymentUrl, the page where they pay. UNAVAILABLE means the nights were just taken. Send the same idempotencyKey when " +
    "retrying this call, so a retry never holds twice.",
  input: createHoldBody,
  mutating: true,
  async run(args, { identity, request, now }) {
    // The same budget rule as POST /api/v1/holds: per caller, client address and unit.
    const unitKey = await unitRateLimitKey(args.unitId);
    await enforceRateLimit("holds", `${identity.id}:${clientIp(request.headers) ?? "unknown"}:${unitKey}`);
    const hold = await createHold(args);
    const link = await getPaymentLink({ holdId: hold.holdId, now });
    const say =
      `${link.unit.name} is held from ${sayDate(hold.checkIn)} to ${sayDate(hold.checkOut)} until ` +
      `${sayTime(hold.expiresAt, env.PROPERTY_TIMEZONE)}. The guest pays here: ${link.url}`;
    return {
      data: { ...hold, expiresAt: hold.expiresAt.toISOString(), unit: link.unit, paymentUrl: link.url },
      say,
    };
  },
});
