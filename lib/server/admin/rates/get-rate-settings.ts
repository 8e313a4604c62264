import "server-only";
import type { UnitType } from "@prisma/client";
import { fromDbDate, type IsoDate } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { unitCategoryLabels } from "@/lib/site/format";
import { policyView, ruleView, taxView } from "./apply-rule-changes";

export interface RateSettings {
  plans: Array<{ id: string; label: string; unitId: string | null; category: UnitType | null; nightly: number | null; weekly: number | null; monthly: number | null; fourMonth: number | null; currency: string }>;
  seasons: Array<{ id: string; name: string; startDate: IsoDate; endDate: IsoDate; discountPct: number; recursAnnually: boolean }>;
  fees: Array<{ id: string; name: string; amount: number; perStay: boolean }>;
  units: Array<{ id: string; name: string }>;
  taxes: Array<{ id: string } & ReturnType<typeof taxView>>;
  stayRules: Array<{ id: string } & ReturnType<typeof ruleView>>;
  policies: Array<{ id: string; tiers: Array<{ daysBefore: number; refundPct: number }> } & Omit<ReturnType<typeof policyView>, "tiers">>;
}


/** Everything the rates page edits, as it is now. */
export async function getRateSettings(): Promise<RateSettings> {
  const [plans, seasons, fees, units, taxes, stayRules, policies] = await Promise.all([
    prisma.ratePlan.findMany({ include: { unit: { select: { name: true } } }, orderBy: [{ category: "asc" }, { createdAt: "asc" }] }),
    prisma.season.findMany({ orderBy: [{ startDate: "asc" }, { name: "asc" }] }),
    prisma.fee.findMany({ orderBy: [{ createdAt: "asc" }, { name: "asc" }] }),
    prisma.unit.findMany({ where: { active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    // By code, so a rate change (code-<date>) is listed under the row it followed.
    prisma.tax.findMany({ orderBy: { code: "asc" } }),
    prisma.stayRule.findMany({ orderBy: [{ createdAt: "asc" }, { name: "asc" }] }),
    prisma.cancellationPolicy.findMany({ orderBy: [{ createdAt: "asc" }, { name: "asc" }] }),
  ]);
  return {
    plans: plans.map((p) => ({
      id: p.id,
      label: p.unit ? p.unit.name : p.category ? unitCategoryLabels[p.category] : "Plan",
      unitId: p.unitId,
      category: p.category,
      nightly: p.nightly,
      weekly: p.weekly,
      monthly: p.monthly,
      fourMonth: p.fourMonth,
      currency: p.currency,
    })),
    seasons: seasons.map((s) => ({ id: s.id, name: s.name, startDate: fromDbDate(s.startDate), endDate: fromDbDate(s.endDate), discountPct: s.discountPct, recursAnnually: s.recursAnnually })),
    fees: fees.map((f) => ({ id: f.id, name: f.name, amount: f.amount, perStay: f.perStay })),
    units,
    taxes: taxes.map((t) => ({ id: t.id, ...taxView(t) })),
    stayRules: stayRules.map((r) => ({ id: r.id, ...ruleView(r) })),
    // Tiers were validated when saved (the quote path parses them again before selling terms).
    policies: policies.map((p) => ({ id: p.id, ...policyView(p), tiers: p.tiers as Array<{ daysBefore: number; refundPct: number }> })),
  };
}
