import "server-only";
import type { BookingRefund, CancelActor } from "@prisma/client";
import type { z } from "zod";
import type { refundView } from "@/lib/api/schemas/bookings";
import type { CancellationActor } from "@/lib/server/bookings/cancel-booking";
import type { Caller } from "@/lib/server/http/define-route";

/** A refund row as the API shows it. */
export function toRefundView(refund: BookingRefund): z.infer<typeof refundView> {
  return {
    id: refund.id,
    sequence: refund.sequence,
    amountCents: refund.amountCents,
    currency: refund.currency,
    kind: refund.kind.toLowerCase() as "cancellation" | "owner" | "dashboard",
    status: refund.status.toLowerCase() as "pending" | "processing" | "succeeded" | "failed",
    requestedBy: actorName(refund.requestedBy),
    reason: refund.reason,
    requestedAt: refund.requestedAt.toISOString(),
    failureReason: refund.failureReason,
  };
}

export function actorName(actor: CancelActor | null): "guest" | "owner" | "chatbot" | null {
  return actor ? (actor.toLowerCase() as "guest" | "owner" | "chatbot") : null;
}

/**
 * Who is acting on a REST call: the owner key is the owner; the service key (site, chatbot) is
 * the guest, or the chatbot when it says so. The console calls the services with its own actor.
 */
export function actorFor(caller: Caller, claimed: "guest" | "chatbot" | undefined): CancellationActor {
  if (caller === "owner") return { kind: "owner" };
  return { kind: claimed ?? "guest" };
}
