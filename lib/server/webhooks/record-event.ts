import "server-only";
import type Stripe from "stripe";
import type { Tx } from "@/lib/server/db/client";

export type EventOutcome = "booked" | "refunded" | "duplicate" | "logged" | "ignored" | "reconciled";

/**
 * Marks a Stripe event as applied, inside the transaction that applied it, so the row exists
 * exactly when the effects do. Returns false when it was already recorded (a redelivery).
 */
export async function recordStripeEvent(tx: Tx, event: Pick<Stripe.Event, "id" | "type">): Promise<boolean> {
  const { count } = await tx.stripeEvent.createMany({ data: [{ id: event.id, type: event.type }], skipDuplicates: true });
  return count === 1;
}
