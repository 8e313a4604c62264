import "server-only";
import type { CancellationPolicy, StayRule, Tax } from "@prisma/client";
import type { RateChanges } from "@/lib/api/schemas/admin";
import { addDays, fromDbDate, toDbDate, type IsoDate } from "@/lib/dates";
import type { AdminUser } from "@/lib/server/auth/session";
import type { Tx } from "@/lib/server/db/client";
import { consoleRowGone, rateRowTaken, rowKeyFixed, validation } from "@/lib/server/errors";
import { recordAudit } from "../record-audit";

// Taxes, stay rules and cancellation policies as the console edits them, inside the rates page's
// one transaction (save-rate-changes.ts). Every row keeps the key the seed finds it by (tax code,
// rule and policy name), so `npm run db:seed` sees the owner's row and leaves it alone. Bookings
// are untouched by design: they store their price split and the policy snapshot they were sold
// under, and nothing here writes to them.

const dbDate = (d: IsoDate | null) => (d === null ? null : toDbDate(d));
const isoOrNull = (d: Date | null) => (d === null ? null : fromDbDate(d));

export async function applyTaxChanges(tx: Tx, taxes: RateChanges["taxes"], actor: AdminUser): Promise<void> {
  if (taxes.length === 0) return;
  const feeNames = new Set((await tx.fee.findMany({ select: { name: true } })).map((f) => f.name));
  for (const [i, t] of taxes.entries()) {
    const unknownFee = t.appliesToFees.find((name) => !feeNames.has(name));
    if (unknownFee !== undefined) throw validation(`taxes.${i}.appliesToFees`, `No fee is called "${unknownFee}".`);
    const values = {
      name: t.name,
      rateBps: t.rateBps,
      appliesToNightly: t.appliesToNightly,
      appliesToFees: t.appliesToFees,
      maxStayNights: t.maxStayNights,
      effectiveFrom: dbDate(t.effectiveFrom),
      effectiveTo: dbDate(t.effectiveTo),
    };
    if (!t.id) {
      const code = t.code!;
      if (await tx.tax.findUnique({ where: { code } })) throw rateRowTaken(`taxes.${i}.code`, "tax with this code");
      const created = await tx.tax.create({ data: { code, ...values } });
      await recordAudit(tx, actor, { action: "Tax added", entityType: "Tax", entityId: created.id, after: taxView(created) });
      continue;
    }
    const current = await tx.tax.findUnique({ where: { id: t.id } });
    if (!current) throw consoleRowGone("tax");
    if (t.code !== undefined && t.code !== current.code) throw rowKeyFixed(`taxes.${i}.code`, "code");
    const from = t.rateChangeFrom;
    const splits = from !== undefined && t.rateBps !== current.rateBps && (t.effectiveFrom === null || from > t.effectiveFrom);
    if (!splits) {
      const updated = await tx.tax.update({ where: { id: t.id }, data: values });
      await recordAudit(tx, actor, { action: "Tax changed", entityType: "Tax", entityId: t.id, before: taxView(current), after: taxView(updated) });
      continue;
    }
    // A rate change from a date: nights before it keep the old rate (this row ends the day
    // before), nights from it take the new one (a new row), so a quote across the date is taxed
    // night by night and the table still says what earlier nights were taxed at.
    if (t.effectiveTo !== null && from > t.effectiveTo) throw validation(`taxes.${i}.rateChangeFrom`, "The new rate must start before the tax ends.");
    const code = `${current.code}-${from}`;
    if (await tx.tax.findUnique({ where: { code } })) throw rateRowTaken(`taxes.${i}.rateChangeFrom`, "rate change of this tax on that date");
    const ended = await tx.tax.update({ where: { id: t.id }, data: { ...values, rateBps: current.rateBps, effectiveTo: toDbDate(addDays(from, -1)) } });
    await recordAudit(tx, actor, { action: "Tax rate ended", entityType: "Tax", entityId: t.id, before: taxView(current), after: taxView(ended) });
    const created = await tx.tax.create({ data: { ...values, code, effectiveFrom: toDbDate(from) } });
    await recordAudit(tx, actor, { action: "Tax added", entityType: "Tax", entityId: created.id, after: taxView(created) });
  }
}

export async function applyStayRuleChanges(tx: Tx, rules: RateChanges["stayRules"], actor: AdminUser): Promise<void> {
  for (const [i, r] of rules.entries()) {
    if (r.unitId !== null && !(await tx.unit.findUnique({ where: { id: r.unitId }, select: { id: true } }))) {
      throw validation(`stayRules.${i}.unitId`, "No unit has this id.");
    }
    const values = {
      unitId: r.unitId,
      category: r.category,
      startDate: dbDate(r.startDate),
      endDate: dbDate(r.endDate),
      recursAnnually: r.recursAnnually,
      minNights: r.minNights,
      maxNights: r.maxNights,
      checkInWeekdays: [...r.checkInWeekdays].sort((a, b) => a - b),
      bookingHorizonMonths: r.bookingHorizonMonths,
      sameDayCutoffHour: r.sameDayCutoffHour,
    };
    if (!r.id) {
      if (await tx.stayRule.findUnique({ where: { name: r.name } })) throw rateRowTaken(`stayRules.${i}.name`, "stay rule with this name");
      const created = await tx.stayRule.create({ data: { name: r.name, ...values } });
      await recordAudit(tx, actor, { action: "Stay rule added", entityType: "StayRule", entityId: created.id, after: ruleView(created) });
      continue;
    }
    const current = await tx.stayRule.findUnique({ where: { id: r.id } });
    if (!current) throw consoleRowGone("stay rule");
    if (r.name !== current.name) throw rowKeyFixed(`stayRules.${i}.name`, "name");
    const updated = await tx.stayRule.update({ where: { id: r.id }, data: values });
    await recordAudit(tx, actor, { action: "Stay rule changed", entityType: "StayRule", entityId: r.id, before: ruleView(current), after: ruleView(updated) });
  }
}

export async function applyPolicyChanges(tx: Tx, policies: RateChanges["policies"], actor: AdminUser): Promise<void> {
  for (const [i, p] of policies.entries()) {
    if (p.unitId !== null && !(await tx.unit.findUnique({ where: { id: p.unitId }, select: { id: true } }))) {
      throw validation(`policies.${i}.unitId`, "No unit has this id.");
    }
    // One policy per scope (unit, category, or the property default): the lookup must be unambiguous.
    const sameScope = await tx.cancellationPolicy.findFirst({
      where: { unitId: p.unitId, category: p.category, ...(p.id ? { id: { not: p.id } } : {}) },
      select: { id: true },
    });
    if (sameScope) throw rateRowTaken(`policies.${i}.${p.unitId ? "unitId" : "category"}`, "cancellation policy for the same units");
    const values = {
      unitId: p.unitId,
      category: p.category,
      tiers: [...p.tiers].sort((a, b) => b.daysBefore - a.daysBefore),
      refundFeesBeforeArrival: p.refundFeesBeforeArrival,
      graceHours: p.graceHours,
      graceMinDaysBefore: p.graceMinDaysBefore,
    };
    if (!p.id) {
      if (await tx.cancellationPolicy.findUnique({ where: { name: p.name } })) throw rateRowTaken(`policies.${i}.name`, "cancellation policy with this name");
      const created = await tx.cancellationPolicy.create({ data: { name: p.name, ...values } });
      await recordAudit(tx, actor, { action: "Cancellation policy added", entityType: "CancellationPolicy", entityId: created.id, after: policyView(created) });
      continue;
    }
    const current = await tx.cancellationPolicy.findUnique({ where: { id: p.id } });
    if (!current) throw consoleRowGone("cancellation policy");
    if (p.name !== current.name) throw rowKeyFixed(`policies.${i}.name`, "name");
    const updated = await tx.cancellationPolicy.update({ where: { id: p.id }, data: values });
    await recordAudit(tx, actor, {
      action: "Cancellation policy changed",
      entityType: "CancellationPolicy",
      entityId: p.id,
      before: policyView(current),
      after: policyView(updated),
    });
  }
}

// The audit log shows rows as the console does: dates as calendar dates, no timestamps.

export function taxView(t: Tax) {
  return {
    code: t.code,
    name: t.name,
    rateBps: t.rateBps,
    appliesToNightly: t.appliesToNightly,
    appliesToFees: t.appliesToFees,
    maxStayNights: t.maxStayNights,
    effectiveFrom: isoOrNull(t.effectiveFrom),
    effectiveTo: isoOrNull(t.effectiveTo),
  };
}

export function ruleView(r: StayRule) {
  return {
    name: r.name,
    unitId: r.unitId,
    category: r.category,
    startDate: isoOrNull(r.startDate),
    endDate: isoOrNull(r.endDate),
    recursAnnually: r.recursAnnually,
    minNights: r.minNights,
    maxNights: r.maxNights,
    checkInWeekdays: r.checkInWeekdays,
    bookingHorizonMonths: r.bookingHorizonMonths,
    sameDayCutoffHour: r.sameDayCutoffHour,
  };
}

export function policyView(p: CancellationPolicy) {
  return {
    name: p.name,
    unitId: p.unitId,
    category: p.category,
    tiers: p.tiers,
    refundFeesBeforeArrival: p.refundFeesBeforeArrival,
    graceHours: p.graceHours,
    graceMinDaysBefore: p.graceMinDaysBefore,
  };
}
