import type { PropertyInfo } from "@/lib/server/property/get-property-info";
import { formatDate } from "@/lib/site/format";
import type { HoldFacts } from "./late-payment-refund";
import { EmailFrame, P } from "./parts";

export function holdExpiredSubject(hold: HoldFacts, property: PropertyInfo): string {
  return `Your reservation hold expired: ${hold.unitName}, ${hold.checkIn} · ${property.name}`;
}

export function HoldExpired(props: { hold: HoldFacts; property: PropertyInfo; bookUrl: string }) {
  const { hold, property } = props;
  return (
    <EmailFrame preview="Your hold ended before the payment completed" title="Your reservation hold expired" property={property}>
      <P>Hello {props.hold.guestFirstName},</P>
      <P>
        We held {hold.unitName} for {formatDate(hold.checkIn)} to {formatDate(hold.checkOut)} while you paid, but the hold ended before the payment
        completed, so the nights were released and nothing was booked. You have not been charged for this hold.
      </P>
      <P>If the nights are still free you can book them again at {props.bookUrl}.</P>
    </EmailFrame>
  );
}
