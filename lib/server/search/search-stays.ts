import "server-only";
import type { UnitType } from "@prisma/client";
import { now as clockNow } from "@/lib/clock";
import type { IsoDate } from "@/lib/dates";
import { evaluateStay, type StayContext } from "@/lib/rules/evaluate-stay";
import { prisma, type Db } from "@/lib/server/db/client";
import { loadStayContext, memoizeAnswer } from "@/lib/server/stays/load-stay-context";

export interface SearchStaysOptions {
  checkIn: IsoDate;
  checkOut: IsoDate;
  guests: number;
  pets?: number;
  type?: UnitType;
  now?: Date;
}

export interface SearchResult {
  unit: { id: string; slug: string; name: string; type: UnitType; capacity: number; petFriendly: boolean; photo: string | null };
  nights: number;
  /** Everything the guest pays: nights after discounts, fees and taxes. */
  totalCents: number;
  /** totalCents / nights, rounded half up to the cent. */
  nightlyAverageCents: number;
  currency: string;
}

export interface SearchStaysResult {
  checkIn: IsoDate;
  checkOut: IsoDate;
  guests: number;
  pets: number;
  results: SearchResult[];
}

/**
 * Every active unit (of `type`, when given) that can take the party for [checkIn, checkOut):
 * free nights (turnover included), the stay rules, capacity and pets, exactly as a hold would
 * judge it, priced with taxes; cheapest first (then by name). ONE query loads every unit, its
 * plan and every blocking stay together, whatever the number of units.
 */
export async function searchStays(options: SearchStaysOptions, db: Db = prisma): Promise<SearchStaysResult> {
  const now = options.now ?? clockNow();
  const pets = options.pets ?? 0;
  const loaded = await loadStayContext({ type: options.type, start: options.checkIn, end: options.checkOut, now }, db);
  const stay = { checkIn: options.checkIn, checkOut: options.checkOut, guests: options.guests, pets };
  // Judged once per context (load-stay-context.ts): the same party and dates give the same list.
  const key = `search|${stay.checkIn}|${stay.checkOut}|${stay.guests}|${pets}`;
  const results = memoizeAnswer(loaded, key, () => judgeUnits(loaded.context, stay));
  return { checkIn: options.checkIn, checkOut: options.checkOut, guests: options.guests, pets, results: [...results] };
}

function judgeUnits(context: StayContext, stay: { checkIn: IsoDate; checkOut: IsoDate; guests: number; pets: number }): SearchResult[] {
  const results: SearchResult[] = [];
  for (const unit of context.units) {
    const evaluation = evaluateStay(context, unit, stay);
    if (!evaluation.ok) continue;
    const { quote } = evaluation;
    results.push({
      unit: {
        id: unit.id,
        slug: unit.slug,
        name: unit.name,
        type: unit.type as UnitType,
        capacity: unit.capacity,
        petFriendly: unit.petFriendly,
        photo: unit.photo,
      },
      nights: quote.nights,
      totalCents: quote.totalCents,
      nightlyAverageCents: Math.floor((2 * quote.totalCents + quote.nights) / (2 * quote.nights)),
      currency: quote.currency,
    });
  }
  results.sort((a, b) => a.totalCents - b.totalCents || a.unit.name.localeCompare(b.unit.name));
  return results;
}
