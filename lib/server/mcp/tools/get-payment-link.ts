import "server-only";
import { z } from "zod";
import { checkoutBody } from "@/lib/api/schemas/checkout";
import { env } from "@/lib/env";
import { getPaymentLink } from "@/lib/server/holds/get-payment-link";
import { sayDate, sayTime } from "../say";
import { defineTool } from "../types";

export const getPaymentLinkTool = defineTool({
  name: "get_payment_link",
  title: "Payment link of a hold",
  description:
    "The page where the guest pays for a hold (/checkout?holdId=...) and when the hold expires. Send the guest this link; " +
    "never ask for card details in the chat. Refused when the hold has expired (place a new one) or is already paid.",
  input: z.strictObject({ holdId: checkoutBody.shape.holdId }),
  mutating: false,
  async run(args, { now }) {
    const link = await getPaymentLink({ holdId: args.holdId, now });
    const say =
      `Pay for ${link.unit.name}, ${sayDate(link.checkIn)} to ${sayDate(link.checkOut)}, at ${link.url} before ` +
      `${sayTime(link.expiresAt, env.PROPERTY_TIMEZONE)}.`;
    return { data: { ...link, expiresAt: link.expiresAt.toISOString() }, say };
  },
});
