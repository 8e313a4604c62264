import type { Prisma, PrismaClient } from "@prisma/client";
import * as data from "@/prisma/data/rates";
import { toDbDate } from "@/lib/dates";
import { property } from "@/prisma/data/property";
import { stayRules } from "@/prisma/data/stay-rules";
import { taxes } from "@/prisma/data/taxes";
import { cancellationPolicies } from "@/prisma/data/cancellation-policy";

export interface SeedReport {
  created: number;
  updated: number;
}

// Creates what is missing and never changes what exists: once a row is in the database the owner
// edits it there (in the owner console), and a later seed must not put the file's value back over
// the owner's. A second run therefore changes nothing, not even updatedAt.
export interface SeedOptions {
  /** Seed the lodging taxes (default true). */
  taxes?: boolean;
  /** Seed the stay rules (default true). */
  stayRules?: boolean;
}

export async function seedDatabase(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedReport> {
  const report: SeedReport = { created: 0, updated: 0 };

  for (const unit of data.units) {
    const values = {
      name: unit.name,
      type: unit.type,
      capacity: unit.capacity,
      beds: unit.beds,
      baths: unit.baths,
      description: unit.description,
      amenities: unit.amenities,
      features: unit.features,
      photos: unit.photos,
      petFriendly: unit.petFriendly ?? false,
      turnoverDays: unit.turnoverDays ?? 0,
    };
    const existing = await prisma.unit.findUnique({ where: { slug: unit.slug } });
    const saved = existing
      ? existing
      : await created(report, prisma.unit.create({ data: { slug: unit.slug, ...values } }));

    if (unit.rates) {
      const plan = { ...unit.rates, currency: data.currency };
      const current = await prisma.ratePlan.findUnique({ where: { unitId: saved.id } });
      if (!current) await created(report, prisma.ratePlan.create({ data: { ...plan, unitId: saved.id } }));
    }
  }

  for (const [category, rates] of Object.entries(data.categoryRates) as Array<[data.UnitTypeName, data.Rates]>) {
    const plan = { ...rates, currency: data.currency };
    const current = await prisma.ratePlan.findUnique({ where: { category } });
    if (!current) await created(report, prisma.ratePlan.create({ data: { ...plan, category } }));
  }

  for (const season of data.seasons) {
    const values: Prisma.SeasonUncheckedCreateInput = {
      name: season.name,
      startDate: toDbDate(season.startDate),
      endDate: toDbDate(season.endDate),
      discountPct: season.discountPct,
      recursAnnually: season.recursAnnually,
    };
    const current = await prisma.season.findUnique({ where: { name: season.name } });
    if (!current) await created(report, prisma.season.create({ data: values }));
  }

  for (const fee of data.fees) {
    const current = await prisma.fee.findUnique({ where: { name: fee.name } });
    if (!current) await created(report, prisma.fee.create({ data: fee }));
  }

  if (options.taxes ?? true) {
    for (const tax of taxes) {
      const values = {
        ...tax,
        effectiveFrom: tax.effectiveFrom === null ? null : toDbDate(tax.effectiveFrom),
        effectiveTo: tax.effectiveTo === null ? null : toDbDate(tax.effectiveTo),
      };
      const current = await prisma.tax.findUnique({ where: { code: tax.code } });
      if (!current) await created(report, prisma.tax.create({ data: values }));
    }
  }

  if (options.stayRules ?? true) {
    for (const rule of stayRules) {
      const unitId = rule.unitSlug ? (await prisma.unit.findUniqueOrThrow({ where: { slug: rule.unitSlug } })).id : null;
      const values = {
        name: rule.name,
        unitId,
        category: rule.category ?? null,
        startDate: rule.startDate ? toDbDate(rule.startDate) : null,
        endDate: rule.endDate ? toDbDate(rule.endDate) : null,
        recursAnnually: rule.recursAnnually ?? true,
        minNights: rule.minNights ?? null,
        maxNights: rule.maxNights ?? null,
        checkInWeekdays: rule.checkInWeekdays ?? [],
        bookingHorizonMonths: rule.bookingHorizonMonths ?? null,
        sameDayCutoffHour: rule.sameDayCutoffHour ?? null,
      };
      const current = await prisma.stayRule.findUnique({ where: { name: rule.name } });
      if (!current) await created(report, prisma.stayRule.create({ data: values }));
    }
  }

  // Created once, never updated: after launch the owner edits these in the database.
  if (!(await prisma.propertySettings.findUnique({ where: { id: 1 } }))) {
    await created(report, prisma.propertySettings.create({ data: { id: 1, ...property } }));
  }

  // Cancellation policies: created once by name, never updated (the owner's to edit).
  for (const { unitSlug, ...policy } of cancellationPolicies) {
    if (await prisma.cancellationPolicy.findUnique({ where: { name: policy.name } })) continue;
    const unitId = unitSlug ? (await prisma.unit.findUniqueOrThrow({ where: { slug: unitSlug } })).id : undefined;
    await created(report, prisma.cancellationPolicy.create({ data: { ...policy, unitId } }));
  }

  return report;
}

async function created<T>(report: SeedReport, write: Promise<T>): Promise<T> {
  report.created++;
  return write;
}


