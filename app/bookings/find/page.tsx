import type { Metadata } from "next";
import { FindBookingForm } from "@/components/find-booking-form";

export const metadata: Metadata = { title: "Find your booking" };

export default function FindBookingPage() {
  return (
    <div className="narrow">
      <h1>Find your booking</h1>
      <p>Enter the booking code from your confirmation email and the email address you booked with.</p>
      <FindBookingForm />
    </div>
  );
}
