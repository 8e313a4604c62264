import type { PropertyInfo } from "@/lib/server/property/get-property-info";
import { formatDate, formatMoneyExact } from "@/lib/site/format";
import type { HoldFacts } from "./late-payment-refund";
import { EmailFrame, P } from "./parts";

export interface PaymentLinkFacts extends HoldFacts {
  totalCents: number;
  currency: string;
  url: string;
  expiresAt: Date;
  timeZone: string;
}

export function paymentLinkSubject(hold: HoldFacts, property: PropertyInfo): string {
  return `Your reservation is held: pay to confirm ${hold.unitName}, ${hold.checkIn} · ${property.name}`;
}

export function PaymentLink(props: { hold: PaymentLinkFacts; property: PropertyInfo }) {
  const { hold, property } = props;
  const until = hold.expiresAt.toLocaleString("en-US", { timeZone: hold.timeZone, dateStyle: "full", timeStyle: "short" });
  return (
    <EmailFrame preview={`Pay ${formatMoneyExact(hold.totalCents, hold.currency)} to confirm your stay`} title="Your reservation is held" property={property}>
      <P>Hello {hold.guestFirstName},</P>
      <P>
        As agreed, we are holding {hold.unitName} for you from {formatDate(hold.checkIn)} to {formatDate(hold.checkOut)}. The total is{" "}
        {formatMoneyExact(hold.totalCents, hold.currency)}, taxes and fees included.
      </P>
      <P>Pay securely by card here to confirm the booking: {hold.url}</P>
      <P>
        The nights are held until {until}; after that they are released and the link stops working. Questions? Reply to this email or call{" "}
        {property.phone}.
      </P>
    </EmailFrame>
  );
}
