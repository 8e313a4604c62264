import "server-only";
import type { Prisma } from "@prisma/client";
import { env } from "@/lib/env";
import {
  buildSnapshot,
  daysBeforeInstant,
  policyTiers,
  splitAmounts,
  type CancellationPolicyData,
  type PolicySnapshot,
} from "@/lib/cancellation/policy";
import type { IsoDate } from "@/lib/dates";
import { prisma, type Db } from "@/lib/server/db/client";

// The cancellation policy of a unit and the terms of a stay sold under it. Policies are data
// (table CancellationPolicy): the unit's own, else its category's, else the property-wide default.

/** Used only when the database holds no policy at all (before the seed has run). */
const FALLBACK: CancellationPolicyData = {
  name: "Standard",
  tiers: [
    { daysBefore: 30, refundPct: 100 },
    { daysBefore: 14, refundPct: 50 },
    { daysBefore: 0, refundPct: 0 },
  ],
  refundFeesBeforeArrival: true,
  graceHours: 48,
  graceMinDaysBefore: 14,
};

type PolicyRow = {
  name: string;
  tiers: Prisma.JsonValue;
  refundFeesBeforeArrival: boolean;
  graceHours: number;
  graceMinDaysBefore: number;
};

/** The effective policy of a unit (by id), in one query. */
export async function findCancellationPolicy(unitId: string, db: Db = prisma): Promise<CancellationPolicyData> {
  const rows = await db.$queryRaw<Array<PolicyRow>>`
    SELECT p.name, p.tiers, p."refundFeesBeforeArrival", p."graceHours", p."graceMinDaysBefore"
      FROM "CancellationPolicy" p
      LEFT JOIN "Unit" u ON u.id = ${unitId}
     WHERE p."unitId" = ${unitId}
        OR p.category = u.type
        OR (p."unitId" IS NULL AND p.category IS NULL)
     ORDER BY (p."unitId" IS NOT NULL) DESC, (p.category IS NOT NULL) DESC
     LIMIT 1`;
  return parsePolicyRow(rows[0] ?? null);
}

/** A policy row (from SQL or from the quote's statement) as engine data; FALLBACK when none. */
export function parsePolicyRow(row: unknown): CancellationPolicyData {
  if (!row) return FALLBACK;
  const r = row as PolicyRow;
  // The owner edits tiers as JSON: a malformed value must fail loudly, never sell unknown terms.
  return {
    name: r.name,
    tiers: policyTiers.parse(r.tiers),
    refundFeesBeforeArrival: r.refundFeesBeforeArrival,
    graceHours: r.graceHours,
    graceMinDaysBefore: r.graceMinDaysBefore,
  };
}

/** The terms of a stay about to be sold, from its quote: policy, deadlines, summary, split. */
export async function getCancellationTerms(
  options: {
    unitId: string;
    checkIn: IsoDate;
    quote: { baseCents: number; discountCents: number; totalCents: number; currency: string; cancellationPolicyRow?: unknown };
    now: Date;
  },
  db: Db = prisma,
): Promise<PolicySnapshot> {
  // A quote from computeQuote carries the policy row already (same statement): no second query.
  const policy =
    options.quote.cancellationPolicyRow !== undefined
      ? parsePolicyRow(options.quote.cancellationPolicyRow)
      : await findCancellationPolicy(options.unitId, db);
  return buildSnapshot({
    policy,
    stay: { checkIn: options.checkIn, checkInTime: env.CHECKIN_TIME, timeZone: env.PROPERTY_TIMEZONE },
    amounts: splitAmounts(options.quote),
    now: options.now,
  });
}

/** The public view of terms (quote, checkout, booking responses): no internals. */
export function policyView(snapshot: PolicySnapshot) {
  return {
    name: snapshot.policy.name,
    summary: snapshot.summary,
    timeZone: snapshot.stay.timeZone,
    checkInAt: snapshot.checkInAt,
    deadlines: snapshot.deadlines,
    gracePeriodHours: snapshot.policy.graceHours > 0 ? snapshot.policy.graceHours : null,
  };
}

export type PolicyView = ReturnType<typeof policyView>;

// Views by policy row (the catalog's object: a catalog reload brings new rows, so an edited policy
// is never served from here), then by check-in date.
const NO_POLICY_ROW = {};
const viewsByRow = new WeakMap<object, Map<IsoDate, { view: PolicyView; from: number; until: number }>>();
const VIEWS_PER_ROW_MAX = 2_000;

/**
 * The public view of the terms a stay checking in on `checkIn` would be sold under at `now`, from
 * the policy row a quote carries (computeQuote's cancellationPolicyRow). The same as
 * policyView(getCancellationTerms(...)), which it is built from, but kept between requests: the
 * view depends on `now` only through which deadlines have passed and whether the grace period
 * still applies, so it is reused from the instant it was computed until the next of those
 * instants (issue #19: every quote states its terms, and formatting them cost more than pricing).
 */
export function currentPolicyView(options: { policyRow: unknown; checkIn: IsoDate; now: Date }): PolicyView {
  const key = options.policyRow !== null && typeof options.policyRow === "object" ? options.policyRow : NO_POLICY_ROW;
  const at = options.now.getTime();
  let views = viewsByRow.get(key);
  const kept = views?.get(options.checkIn);
  if (kept && at >= kept.from && at < kept.until) return kept.view;

  const policy = parsePolicyRow(options.policyRow);
  const stay = { checkIn: options.checkIn, checkInTime: env.CHECKIN_TIME, timeZone: env.PROPERTY_TIMEZONE };
  // Amounts do not enter the view; the snapshot needs some.
  const snapshot = buildSnapshot({ policy, stay, amounts: splitAmounts({ baseCents: 0, discountCents: 0, totalCents: 0, currency: "USD" }), now: options.now });
  const view = policyView(snapshot);
  // The first instants at which describePolicy answers differently: each deadline and check-in
  // (passed at that instant), and the millisecond after the last one that still earns the grace
  // period (graceEnd: booked at or before it).
  const graceCutoff = daysBeforeInstant(stay, policy.graceMinDaysBefore).getTime();
  const changes = [...snapshot.deadlines.map((d) => Date.parse(d.before)), Date.parse(snapshot.checkInAt), graceCutoff + 1];
  const until = Math.min(...changes.filter((t) => t > at), Number.POSITIVE_INFINITY);
  if (!views) {
    views = new Map();
    viewsByRow.set(key, views);
  }
  if (views.size >= VIEWS_PER_ROW_MAX) views.clear();
  views.set(options.checkIn, { view, from: at, until });
  return view;
}
