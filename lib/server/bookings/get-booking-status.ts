import "server-only";
import { fromDbDate } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { unknownCheckout } from "@/lib/server/errors";

// What the guest's confirmation page polls after paying: has the webhook turned the
// PaymentIntent into a booking yet? Answers without any guest data (no name, email or phone),
// so knowing a PaymentIntent id reveals only the stay itself.

export type BookingStatusResult =
  | { status: "processing" }
  | { status: "failed"; reason: "hold_expired" | "hold_cancelled" }
  | {
      status: "confirmed" | "refunded" | "cancelled";
      booking?: { id: string; code: string; unitName: string; unitSlug: string; checkIn: string; checkOut: string; totalCents: number; taxCents: number; currency: string; guests: number | null; pets: number };
    };

type Db = Pick<typeof prisma, "payment" | "refund" | "hold">;

export async function getBookingStatus(options: { paymentIntentId: string }, db: Db = prisma): Promise<BookingStatusResult> {
  const pi = options.paymentIntentId;
  const [payment, refund, hold] = await Promise.all([
    db.payment.findUnique({
      where: { stripeIntentId: pi },
      select: {
        booking: {
          select: {
            id: true,
            code: true,
            status: true,
            checkIn: true,
            checkOut: true,
            totalCents: true,
            taxCents: true,
            currency: true,
            guests: true,
            pets: true,
            unit: { select: { name: true, slug: true } },
          },
        },
      },
    }),
    db.refund.findUnique({ where: { stripeIntentId: pi }, select: { id: true } }),
    db.hold.findUnique({ where: { stripeIntentId: pi }, select: { status: true, expiresAt: true } }),
  ]);

  if (payment?.booking) {
    const b = payment.booking;
    return {
      status: b.status === "CONFIRMED" ? "confirmed" : "cancelled",
      booking: {
        id: b.id,
        code: b.code,
        unitName: b.unit.name,
        unitSlug: b.unit.slug,
        checkIn: fromDbDate(b.checkIn),
        checkOut: fromDbDate(b.checkOut),
        totalCents: b.totalCents,
        taxCents: b.taxCents,
        currency: b.currency,
        guests: b.guests,
        pets: b.pets,
      },
    };
  }
  if (refund) return { status: "refunded" };
  if (!hold) throw unknownCheckout();
  if (hold.status === "EXPIRED") return { status: "failed", reason: "hold_expired" };
  if (hold.status === "CANCELLED") return { status: "failed", reason: "hold_cancelled" };
  // ACTIVE (payment not yet reported) or CONVERTED (booking being written): keep polling.
  return { status: "processing" };
}
