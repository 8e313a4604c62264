import type { Metadata } from "next";
import { publicEnv } from "@/lib/public-env";
import { getEnv } from "@/lib/env";
import { CheckoutView } from "@/components/checkout-view";

export const metadata: Metadata = { title: "Checkout", robots: { index: false } };
export const dynamic = "force-dynamic";

export default function CheckoutPage({ searchParams }: { searchParams: Record<string, string | string[] | undefined> }) {
  const holdId = typeof searchParams.holdId === "string" ? searchParams.holdId : "";
  return (
    <div className="narrow">
      <h1>Checkout</h1>
      <CheckoutView holdId={holdId} stripePublishableKey={publicEnv.stripePublishableKey} demoMode={getEnv().PAYMENTS_DEMO_MODE} />
    </div>
  );
}
