import "server-only";
import type { RateChanges } from "@/lib/api/schemas/admin";
import { now as clockNow } from "@/lib/clock";
import { fromDbDate, toDbDate } from "@/lib/dates";
import type { AdminUser } from "@/lib/server/auth/session";
import { getCancellationTerms } from "@/lib/server/cancellation/get-cancellation-terms";
import { prisma, type Tx } from "@/lib/server/db/client";
import { AppError, validation } from "@/lib/server/errors";
import { computeQuote } from "@/lib/server/pricing";
import { revalidateGuestPages } from "@/lib/server/site/revalidate-site";
import { recordAudit } from "../record-audit";
import { applyPolicyChanges, applyStayRuleChanges, applyTaxChanges } from "./apply-rule-changes";

/** A sample stay as the guest would be quoted it: its total, its taxes and its cancellation terms. */
export interface SampleSide {
  /** Null when the stay cannot be booked or priced (then `error` says why, as a guest reads it). */
  totalCents: number | null;
  taxCents: number | null;
  policyName: string | null;
  /** The cancellation terms in plain words, with this stay's dates. */
  terms: string[];
  error?: string;
}

export interface SampleQuote {
  unitId: string;
  checkIn: string;
  checkOut: string;
  /** The total today, and with the changes; null when the stay cannot be priced. */
  beforeCents: number | null;
  afterCents: number | null;
  /** Why the stay cannot be booked with the changes (a stay rule, no rate for this length). */
  error?: string;
  before: SampleSide;
  after: SampleSide;
}

class Rollback extends Error {
  constructor(readonly samples: SampleQuote[]) {
    super("preview rollback");
  }
}

/**
 * Applies rate plan, season, fee, tax, stay rule and cancellation policy changes in one
 * transaction and quotes the sample stays before and after them with the real quote path (rules,
 * taxes and terms included). A preview runs exactly the same steps and then
 * rolls the transaction back, so what the owner previews is what saving will charge. Bookings
 * already made keep the price they were sold at: they store their own totals.
 */
export async function saveRateChanges(options: { changes: RateChanges; actor: AdminUser; preview: boolean; now?: Date }): Promise<{ saved: boolean; samples: SampleQuote[] }> {
  const { changes, actor } = options;
  const now = options.now ?? clockNow();
  for (const [i, s] of changes.seasons.entries()) {
    if (s.endDate < s.startDate) throw validation(`seasons.${i}.endDate`, "A season must end on or after its first day.");
  }
  try {
    const samples = await prisma.$transaction(async (tx) => {
      const before = await quoteSamples(tx, changes.samples, now);
      await applyChanges(tx, changes, actor);
      // Fees before taxes: a tax may name a fee added in the same save.
      await applyTaxChanges(tx, changes.taxes, actor);
      await applyStayRuleChanges(tx, changes.stayRules, actor);
      await applyPolicyChanges(tx, changes.policies, actor);
      const after = await quoteSamples(tx, changes.samples, now);
      const samples: SampleQuote[] = changes.samples.map((s, i) => ({
        ...s,
        beforeCents: before[i]!.totalCents,
        afterCents: after[i]!.totalCents,
        ...(after[i]!.error !== undefined ? { error: after[i]!.error } : {}),
        before: before[i]!,
        after: after[i]!,
      }));
      if (options.preview) throw new Rollback(samples);
      return samples;
    });
    // Guest pages show "from" prices and the cancellation policy: render them again now they changed.
    revalidateGuestPages("rates or rules changed in the owner console");
    return { saved: true, samples };
  } catch (error) {
    if (error instanceof Rollback) return { saved: false, samples: error.samples };
    throw error;
  }
}

async function quoteSamples(tx: Tx, samples: RateChanges["samples"], now: Date): Promise<SampleSide[]> {
  const out: SampleSide[] = [];
  for (const s of samples) {
    try {
      const quote = await computeQuote({ unitId: s.unitId, checkIn: s.checkIn, checkOut: s.checkOut, now }, tx);
      const terms = await getCancellationTerms({ unitId: quote.unit.id, checkIn: s.checkIn, quote, now }, tx);
      out.push({ totalCents: quote.totalCents, taxCents: quote.taxCents, policyName: terms.policy.name, terms: terms.summary });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      out.push({ totalCents: null, taxCents: null, policyName: null, terms: [], error: error.message });
    }
  }
  return out;
}

async function applyChanges(tx: Tx, changes: RateChanges, actor: AdminUser): Promise<void> {
  for (const p of changes.plans) {
    const current = await tx.ratePlan.findUnique({ where: { id: p.id } });
    if (!current) throw new AppError("NOT_FOUND", "That rate plan no longer exists; reload the page.");
    const { id, ...values } = p;
    if (!Object.values(values).some((v) => v !== null)) throw validation("plans", "A rate plan needs at least one rate.");
    await tx.ratePlan.update({ where: { id }, data: values });
    await recordAudit(tx, actor, { action: "Rate plan changed", entityType: "RatePlan", entityId: id, before: pick(current, values), after: values });
  }
  for (const s of changes.seasons) {
    const data = { name: s.name, startDate: toDbDate(s.startDate), endDate: toDbDate(s.endDate), discountPct: s.discountPct, recursAnnually: s.recursAnnually };
    const after = { ...s, id: undefined };
    if (s.id) {
      const current = await tx.season.findUnique({ where: { id: s.id } });
      if (!current) throw new AppError("NOT_FOUND", "That season no longer exists; reload the page.");
      await tx.season.update({ where: { id: s.id }, data });
      const before = { name: current.name, startDate: fromDbDate(current.startDate), endDate: fromDbDate(current.endDate), discountPct: current.discountPct, recursAnnually: current.recursAnnually };
      await recordAudit(tx, actor, { action: "Season changed", entityType: "Season", entityId: s.id, before, after });
    } else {
      const created = await tx.season.create({ data });
      await recordAudit(tx, actor, { action: "Season added", entityType: "Season", entityId: created.id, after });
    }
  }
  for (const f of changes.fees) {
    const data = { name: f.name, amount: f.amount, perStay: f.perStay };
    if (f.id) {
      const current = await tx.fee.findUnique({ where: { id: f.id } });
      if (!current) throw new AppError("NOT_FOUND", "That fee no longer exists; reload the page.");
      await tx.fee.update({ where: { id: f.id }, data });
      await recordAudit(tx, actor, { action: "Fee changed", entityType: "Fee", entityId: f.id, before: pick(current, data), after: data });
    } else {
      const created = await tx.fee.create({ data });
      await recordAudit(tx, actor, { action: "Fee added", entityType: "Fee", entityId: created.id, after: data });
    }
  }
}

function pick(row: object, like: object): Record<string, unknown> {
  return Object.fromEntries(Object.keys(like).map((k) => [k, (row as Record<string, unknown>)[k]]));
}
