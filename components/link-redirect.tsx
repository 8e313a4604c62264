"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

// The guest pages are cached HTML, the same for every query string, so links from the chatbot
// are put right in the browser: /?unitId=essex&checkIn=… and /units/<id>?… move to the unit's
// slug address, keeping the stay in the query.

const UNIT_REF = /^[A-Za-z0-9_-]{1,64}$/;
const KEPT = ["checkIn", "checkOut", "guests", "pets"];

interface Props {
  /** On a unit page: its canonical path (/units/<slug>) and the refs that name it. */
  unit?: { path: string; refs: string[] };
}

export function LinkRedirect({ unit }: Props) {
  const router = useRouter();
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const linked = params.get("unitId");
    let target: string | null = null;
    if (linked && UNIT_REF.test(linked) && !unit?.refs.some((ref) => ref.toLowerCase() === linked.toLowerCase())) {
      target = `/units/${encodeURIComponent(linked)}`;
    } else if (unit && (linked || window.location.pathname !== unit.path)) {
      target = unit.path;
    }
    if (!target) return;
    const kept = new URLSearchParams();
    for (const key of KEPT) {
      const value = params.get(key);
      if (value) kept.set(key, value);
    }
    router.replace(`${target}${kept.toString() ? `?${kept.toString()}` : ""}`);
  }, [router, unit]);
  return null;
}
