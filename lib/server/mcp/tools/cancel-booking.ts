import "server-only";
import { z } from "zod";
import { cancelBookingBody } from "@/lib/api/schemas/bookings";
import { customer } from "@/lib/api/schemas/common";
import { cancelBooking, previewCancellation } from "@/lib/server/bookings/cancel-booking";
import { policyView } from "@/lib/server/cancellation/get-cancellation-terms";
import { prisma } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { actorName, toRefundView } from "@/lib/server/refunds/refund-view";
import { sayMoney } from "../say";
import { defineTool } from "../types";

const CHATBOT = { kind: "chatbot" } as const;

// Until booking codes exist, a guest proves a booking is theirs by its id and their email.
// A wrong id and a wrong email get the same answer, so the tool never confirms one of them.
function noSuchBooking(): AppError {
  return new AppError("NOT_FOUND", "No booking matches that booking id and email.");
}

async function bookingOf(bookingId: string, email: string): Promise<void> {
  const row = await prisma.booking.findUnique({ where: { id: bookingId }, select: { customer: { select: { email: true } } } });
  if (!row || row.customer.email.toLowerCase() !== email) throw noSuchBooking();
}

export const cancelBookingTool = defineTool({
  name: "cancel_booking",
  title: "Cancel a booking",
  description:
    "Cancels a guest's confirmed booking, in two steps. First call it without confirm: it changes nothing and answers what " +
    "cancelling now would refund under the booking's cancellation policy. Tell the guest; only when they agree, call it again with " +
    "confirm: true, which cancels and sends the refund to their card. The guest gives the booking id and the email they booked with.",
  input: z.strictObject({
    bookingId: cancelBookingBody.shape.bookingId,
    email: customer.shape.email,
    confirm: z.boolean().optional().meta({ description: "true to cancel; absent or false only previews the refund." }),
    reason: cancelBookingBody.shape.reason,
  }),
  mutating: true,
  destructive: true,
  async run(args, { now }) {
    await bookingOf(args.bookingId, args.email);
    if (!args.confirm) {
      const preview = await previewCancellation({ bookingId: args.bookingId, actor: CHATBOT, now });
      const policy = policyView(preview.snapshot);
      const refund = sayMoney(preview.quote.refundCents, preview.quote.currency);
      const say = preview.cancellable
        ? `Cancelling now would refund ${refund}. ${policy.summary} To cancel, call cancel_booking again with confirm: true.`
        : "This booking is already cancelled.";
      return {
        data: {
          bookingId: preview.bookingId,
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
    const result = await cancelBooking({ bookingId: args.bookingId, reason: args.reason, actor: CHATBOT, now });
    const refunded = result.refund ? sayMoney(result.refund.amountCents, result.refund.currency) : null;
    const say = !result.changed
      ? "This booking was already cancelled; nothing more was refunded."
      : refunded
        ? `The booking is cancelled and ${refunded} goes back to the card it was paid with.`
        : "The booking is cancelled. Under its cancellation policy nothing is refunded.";
    return {
      data: {
        bookingId: result.bookingId,
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
