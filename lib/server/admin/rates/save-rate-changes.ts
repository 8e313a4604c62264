import "server-only";
import type { RateChanges } from "@/lib/api/schemas/admin";
import { fromDbDate, toDbDate } from "@/lib/dates";
import type { AdminUser } from "@/lib/server/auth/session";
import { prisma, type Tx } from "@/lib/server/db/client";
import { AppError, validation } from "@/lib/server/errors";
import { computeQuote } from "@/lib/server/pricing";
import { revalidateGuestPages } from "@/lib/server/site/revalidate-site";
import { recordAudit } from "../record-audit";

export interface SampleQuote {
  unitId: string;
  checkIn: string;
  checkOut: string;
  /** The total today, and with the changes; null when the stay cannot be priced. */
  beforeCents: number | null;
  afterCents: number | null;
  error?: string;
}

class Rollback extends Error {
  constructor(readonly samples: SampleQuote[]) {
    super("preview rollback");
  }
}

/**
 * Applies rate plan, season and fee changes in one transaction and prices the sample stays
 * before and after them with the real quote path. A preview runs exactly the same steps and then
 * rolls the transaction back, so what the owner previews is what saving will charge. Bookings
 * already made keep the price they were sold at: they store their own totals.
 */
export async function saveRateChanges(options: { changes: RateChanges; actor: AdminUser; preview: boolean }): Promise<{ saved: boolean; samples: SampleQuote[] }> {
  const { changes, actor } = options;
  for (const [i, s] of changes.seasons.entries()) {
    if (s.endDate < s.startDate) throw validation(`seasons.${i}.endDate`, "A season must end on or after its first day.");
  }
  try {
    const samples = await prisma.$transaction(async (tx) => {
      const before = await priceSamples(tx, changes.samples);
      await applyChanges(tx, changes, actor);
      const after = await priceSamples(tx, changes.samples);
      const samples = before.map((b, i) => ({ ...b, afterCents: after[i]!.afterCents, error: after[i]!.error ?? b.error }));
      if (options.preview) throw new Rollback(samples);
      return samples;
    });
    // Guest pages show "from" prices: render them again now the rates changed.
    revalidateGuestPages("rates changed in the owner console");
    return { saved: true, samples };
  } catch (error) {
    if (error instanceof Rollback) return { saved: false, samples: error.samples };
    throw error;
  }
}

async function priceSamples(tx: Tx, samples: RateChanges["samples"]): Promise<SampleQuote[]> {
  const out: SampleQuote[] = [];
  for (const s of samples) {
    try {
      const quote = await computeQuote({ unitId: s.unitId, checkIn: s.checkIn, checkOut: s.checkOut }, tx);
      out.push({ ...s, beforeCents: quote.totalCents, afterCents: quote.totalCents });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      out.push({ ...s, beforeCents: null, afterCents: null, error: error.message });
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
