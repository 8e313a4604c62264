import type { Metadata } from "next";
import { BookingConfirmation } from "@/components/booking-confirmation";
import { envVar } from "@/lib/env";
import { stayTimes } from "@/lib/site/format";

export const metadata: Metadata = { title: "Your booking" };
export const dynamic = "force-dynamic";

export default function ConfirmationPage({ searchParams }: { searchParams: Record<string, string | string[] | undefined> }) {
  // Stripe's redirect after a Payment Element confirmation adds payment_intent=...; our own
  // navigation uses pi=...
  const pi = typeof searchParams.pi === "string" ? searchParams.pi : typeof searchParams.payment_intent === "string" ? searchParams.payment_intent : "";
  return (
    <div className="narrow">
      <BookingConfirmation paymentIntentId={pi} times={stayTimes({ checkIn: envVar("CHECKIN_TIME"), checkOut: envVar("CHECKOUT_TIME") })} />
    </div>
  );
}
