// The property's cancellation policies (issue #14). The seed creates each row from this file
// once; after that the owner edits them in the database (later in the owner console) and the
// seed never overwrites them. A policy names a unit (unitSlug), a category, or neither: the
// property-wide default, used when no unit or category policy exists.

import { DEFAULT_TIERS } from "@/lib/cancellation/policy";

export interface PolicySeed {
  name: string;
  unitSlug?: string;
  category?: "TRAILER" | "COTTAGE_1BR" | "COTTAGE_2BR" | "RV_SITE";
  tiers: { daysBefore: number; refundPct: number }[];
  refundFeesBeforeArrival: boolean;
  graceHours: number;
  graceMinDaysBefore: number;
}

export const cancellationPolicies: PolicySeed[] = [
  {
    // Full refund 30+ days before check-in, 50% of the nightly charges 14-29 days before, none
    // under 14 days; fees and taxes back whenever cancelled before arrival; 48 h grace.
    name: "Standard",
    tiers: DEFAULT_TIERS,
    refundFeesBeforeArrival: true,
    graceHours: 48,
    graceMinDaysBefore: 14,
  },
];
