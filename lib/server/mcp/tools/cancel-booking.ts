import "server-only";
import { z } from "zod";
import { cancelBookingBody, lookupBookingBody } from "@/lib/api/schemas/bookings";
import { cancelBooking, previewCancellation } from "@/lib/server/bookings/cancel-booking";
import { findBookingByCode } from "@/lib/server/bookings/lookup-booking";
import { policyView } from "@/lib/server/cancellation/get-cancellation-terms";
import { clientIp } from "@/lib/server/http/client-ip";
import { enforceRateLimit } from "@/lib/server/http/rate-limit";
import { actorName, toRefundView } from "@/lib/server/refunds/refund-view";
import { sayMoney } from "../say";
import { defineTool } from "../types";

const CHATBOT = { kind: "chatbot" } as const;

export const cancelBookingTool = defineTool({
  name: "cancel_booking",
  title: "Cancel a booking",
  description:
    "Cancels a guest's confirmed booking, in two steps. First call it without confirm: it changes nothing and answers what " +
    "cancelling now would refund under the booking's cancellation policy. Tell the guest; only when they agree, call it again with " +
    "confirm: true, which cancels and sends the refund to their card. The guest gives the booking code (PAC-XXXXXX, from the " +
    "confirmation email) and the email they booked with; a wrong code and a wrong email get the same answer.",
  // The guest proves the booking is theirs exactly as for find_booking: its code and their email.
  input: z.strictObject({
    code: lookupBookingBody.shape.code,
    email: lookupBookingBody.shape.email,
    confirm: z.boolean().optional().meta({ description: "true to cancel; absent or false only previews the refund." }),
    reason: cancelBookingBody.shape.reason,
  }),
  mutating: true,
  destructive: true,
  async run(args, { identity, request, now }) {
    // find_booking's budget: guessing codes through this tool costs the same as through that one.
    await enforceRateLimit("lookup", `${identity.id}:${clientIp(request.headers) ?? "unknown"}:any`);
    const booking = await findBookingByCode(args);
    if (!args.confirm) {
      const preview = await previewCancellation({ bookingId: booking.id, actor: CHATBOT, now });
      const policy = policyView(preview.snapshot);
      const refund = sayMoney(preview.quote.refundCents, preview.quote.currency);
      const say = preview.cancellable
        ? `Cancelling now would refund ${refund}. ${policy.summary} To cancel, call cancel_booking again with confirm: true.`
        : "This booking is already cancelled.";
      return {
        data: {
          bookingId: preview.bookingId,
          code: booking.code,
          status: preview.status,
          cancellable: preview.cancellable,
          asOf: now.toISOString(),
          quote: preview.quote,
          cancellationPolicy: policy,
          confirmed: false,
        },
        say,
      };
    }
    const result = await cancelBooking({ bookingId: booking.id, reason: args.reason, actor: CHATBOT, now });
    const refunded = result.refund ? sayMoney(result.refund.amountCents, result.refund.currency) : null;
    const say = !result.changed
      ? "This booking was already cancelled; nothing more was refunded."
      : refunded
        ? `The booking is cancelled and ${refunded} goes back to the card it was paid with.`
        : "The booking is cancelled. Under its cancellation policy nothing is refunded.";
    return {
      data: {
        bookingId: result.bookingId,
        code: booking.code,
        status: result.status,
        cancelledAt: result.cancelledAt?.toISOString() ?? null,
        cancelledBy: actorName(result.cancelledBy),
        changed: result.changed,
        refund: result.refund ? toRefundView(result.refund) : null,
        refundedCents: result.refundedCents,
        confirmed: true,
      },
      say,
    };
  },
});
