import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { BookingDetails } from "@/lib/server/bookings/get-booking-details";
import type { PropertyInfo } from "@/lib/server/property/get-property-info";
import { formatDate, formatMoneyExact, formatTimeOfDay, plural } from "@/lib/site/format";

// Shared pieces of every email: the frame with the property's address and contact, the stay
// summary and the priced lines. Plain, inline-styled markup that mail clients render alike; the
// text part is derived from the same tree.

const body = { backgroundColor: "#f6f5f1", fontFamily: "Helvetica, Arial, sans-serif", color: "#1f2a2e" };
const card = { backgroundColor: "#ffffff", padding: "24px", maxWidth: "560px", margin: "0 auto" };
const small = { fontSize: "13px", color: "#55625f", lineHeight: "20px" };
const row = { margin: "2px 0", fontSize: "15px", lineHeight: "22px" };

export function EmailFrame(props: { preview: string; title: string; property: PropertyInfo; children: ReactNode }) {
  const { property } = props;
  const a = property.address;
  return (
    <Html lang="en">
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={body}>
        <Container style={card}>
          <Text style={{ ...small, textTransform: "uppercase", letterSpacing: "1px" }}>{property.name}</Text>
          <Heading as="h1" style={{ fontSize: "22px", margin: "8px 0 16px" }}>
            {props.title}
          </Heading>
          {props.children}
          <Hr />
          <Text style={small}>
            {property.name}
            <br />
            {a.line1}
            {a.line2 ? `, ${a.line2}` : ""}
            <br />
            {a.city}, {a.region} {a.postalCode}
            <br />
            Phone {property.phone} · <Link href={`mailto:${property.email}`}>{property.email}</Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export function P(props: { children: ReactNode }) {
  return <Text style={row}>{props.children}</Text>;
}

export function StaySummary(props: { booking: BookingDetails; property: PropertyInfo }) {
  const { booking, property } = props;
  return (
    <Section>
      <P>
        <strong>Booking code:</strong> {booking.code}
      </P>
      <P>
        <strong>Stay:</strong> {booking.unit.name}
      </P>
      <P>
        <strong>Check-in:</strong> {formatDate(booking.checkIn)} from {formatTimeOfDay(property.checkInTime, property.checkInTime)}
      </P>
      <P>
        <strong>Check-out:</strong> {formatDate(booking.checkOut)} by {formatTimeOfDay(property.checkOutTime, property.checkOutTime)}
      </P>
      <P>
        <strong>Length:</strong> {plural(booking.nights, "night")}
      </P>
      {booking.party ? (
        <P>
          <strong>Party:</strong> {booking.party}
        </P>
      ) : null}
      <P>
        <strong>Guest:</strong> {booking.guest.firstName} {booking.guest.lastName}
      </P>
    </Section>
  );
}

export function PriceLines(props: { booking: BookingDetails }) {
  const { booking } = props;
  return (
    <Section>
      {booking.lineItems.map((line, i) => (
        <P key={i}>
          {line.label}: {formatMoneyExact(line.amountCents, booking.currency)}
        </P>
      ))}
      <P>
        <strong>Total paid: {formatMoneyExact(booking.totalCents, booking.currency)}</strong>
      </P>
    </Section>
  );
}

export function ManageLink(props: { url: string | null }) {
  if (!props.url) return null;
  return (
    <P>
      View, download or cancel your booking: <Link href={props.url}>{props.url}</Link>
    </P>
  );
}
