"use client";
import { useEffect, useState } from "react";

/** Minutes and seconds until a hold lapses, ticking once a second. */
export function HoldCountdown({ expiresAt }: { expiresAt: string }) {
  const [left, setLeft] = useState(() => Date.parse(expiresAt) - Date.now());
  useEffect(() => {
    const timer = setInterval(() => setLeft(Date.parse(expiresAt) - Date.now()), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  if (left <= 0) return <>expired</>;
  const s = Math.floor(left / 1000);
  return <>{`${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`}</>;
}
