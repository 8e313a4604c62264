import type { PropertyInfo } from "@/lib/server/property/get-property-info";
import { formatDate, formatMoneyExact } from "@/lib/site/format";
import { EmailFrame, P } from "./parts";

export interface HoldFacts {
  guestFirstName: string;
  unitName: string;
  checkIn: string;
  checkOut: string;
}

export function latePaymentRefundSubject(hold: HoldFacts, property: PropertyInfo): string {
  return `Your payment was refunded: ${hold.unitName}, ${hold.checkIn} · ${property.name}`;
}

export function LatePaymentRefund(props: { hold: HoldFacts; refund: { amountCents: number; currency: string }; property: PropertyInfo }) {
  const { hold, refund, property } = props;
  return (
    <EmailFrame preview="Your payment arrived after the dates were taken and was refunded in full" title="Your payment was refunded" property={property}>
      <P>Hello {hold.guestFirstName},</P>
      <P>
        Your payment for {hold.unitName}, {formatDate(hold.checkIn)} to {formatDate(hold.checkOut)}, reached us after your reservation hold had
        ended and those nights had been booked by someone else. We could not confirm the stay, so we refunded the full{" "}
        {formatMoneyExact(refund.amountCents, refund.currency)} to your card; banks usually show it within 5 to 10 business days.
      </P>
      <P>We are sorry. Reply to this email or call {property.phone} and we will help you find other dates.</P>
    </EmailFrame>
  );
}
