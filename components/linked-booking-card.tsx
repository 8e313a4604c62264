"use client";

import { useEffect, useLayoutEffect, useState } from "react";
import { todayIn } from "@/lib/dates";
import { BookingCard } from "./booking-card";

// The unit page is cached HTML, rendered without the guest's query string and possibly a day
// old at midnight. This wrapper reads the stay of a shared link (?checkIn=&checkOut=&guests=)
// and today's date in the property's time zone once in the browser, and starts the booking card
// again with them when they differ from what the cached HTML was rendered with.

type Props = Omit<React.ComponentProps<typeof BookingCard>, "initialCheckIn" | "initialCheckOut" | "initialGuests"> & {
  timeZone: string;
};

// A layout effect runs before any passive effect, in particular before the booking card's own
// effect that writes its (still empty) selection back into the URL. On the server it would only
// warn, so plain useEffect stands in there (it never runs on the server either).
const useBeforePassiveEffects = typeof window === "undefined" ? useEffect : useLayoutEffect;

interface Linked {
  today: string;
  checkIn?: string;
  checkOut?: string;
  guests?: number;
}

export function LinkedBookingCard({ timeZone, today: renderedToday, ...props }: Props) {
  const [linked, setLinked] = useState<Linked | null>(null);
  useBeforePassiveEffects(() => {
    const params = new URLSearchParams(window.location.search);
    const guests = Number(params.get("guests"));
    const next: Linked = {
      today: todayIn(timeZone),
      checkIn: params.get("checkIn") ?? undefined,
      checkOut: params.get("checkOut") ?? undefined,
      guests: Number.isInteger(guests) && guests >= 1 ? Math.min(guests, props.unit.capacity) : undefined,
    };
    if (next.today !== renderedToday || next.checkIn || next.checkOut || next.guests) setLinked(next);
  }, [timeZone, renderedToday, props.unit.capacity]);

  return (
    <BookingCard
      key={linked ? "linked" : "rendered"}
      {...props}
      today={linked?.today ?? renderedToday}
      initialCheckIn={linked?.checkIn}
      initialCheckOut={linked?.checkOut}
      initialGuests={linked?.guests}
    />
  );
}
