import "server-only";
import type { Prisma } from "@prisma/client";
import { toDbDate, type IsoDate } from "@/lib/dates";
import { env } from "@/lib/env";
import { now as clockNow } from "@/lib/clock";
import type { CustomerInput } from "@/lib/api/schemas/common";
import type { OfflinePaymentMethod } from "@/lib/api/schemas/admin";
import { OverrideTooLowError, overrideTotal } from "@/lib/pricing/override-total";
import type { AdminUser } from "@/lib/server/auth/session";
import { findBlockingStays, type BlockingStay } from "@/lib/server/availability/find-blocking-stays";
import { generateBookingCode } from "@/lib/server/bookings/booking-code";
import { getCancellationTerms } from "@/lib/server/cancellation/get-cancellation-terms";
import { snapshotForBooking } from "@/lib/server/cancellation/snapshot-for-booking";
import type { PriceSnapshot } from "@/lib/server/checkout/start-checkout";
import { guestSnapshot, upsertCustomer } from "@/lib/server/customers/upsert-customer";
import { prisma, type Db, type Tx } from "@/lib/server/db/client";
import { isConflictError, isOverlapError } from "@/lib/server/db/errors";
import { lockUnit } from "@/lib/server/db/lock-unit";
import { withUnitGate } from "@/lib/server/db/unit-gate";
import { withSerializableRetry } from "@/lib/server/db/with-serializable-retry";
import { AppError, nightsTakenBy, overrideTooLow, ownerOnly, type StayInTheWay } from "@/lib/server/errors";
import { expireStaleHolds } from "@/lib/server/holds/expire-stale-holds";
import { enqueueBookingConfirmed, enqueuePaymentLink } from "@/lib/server/notifications/enqueue";
import { kickOutbox } from "@/lib/server/notifications/kick-outbox";
import { cancelExpiredIntents } from "@/lib/server/payments/cancel-expired-intents";
import { computeQuote, type QuoteResult } from "@/lib/server/pricing";
import { recordAudit } from "./record-audit";

// Manual bookings for phone and walk-in guests (#16). Priced by the same engine as the public
// quote; the owner (never staff) may set another total and waive the property's booking rules,
// but nothing waives taken nights: the same unit lock, re-check and EXCLUDE constraints as a
// guest's hold. Paid offline (confirmed at once) or by a payment link (a hold the guest pays on
// the site; the webhook books it like any hold). See docs/decisions.md.

/** How long a payment-link hold keeps its nights: long enough to read an email and pay. */
export const PAYMENT_LINK_HOLD_HOURS = 48;

export interface ManualStay {
  /** The unit's id or slug. */
  unitId: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
  guests: number;
  pets?: number;
  /** The owner's total, taxes and fees included; owner only. */
  totalOverrideCents?: number;
  /** Book past the property's stay rules (minimum nights, weekdays, horizon, cut-off); owner only. */
  waiveRules?: boolean;
  admin: AdminUser;
  now?: Date;
}

export interface ManualPrice {
  unit: QuoteResult["unit"];
  checkIn: IsoDate;
  checkOut: IsoDate;
  /** What the guest pays, line by line: the engine's lines plus the owner's adjustment, if any. */
  quote: PriceSnapshot & { nights: number };
  engineTotalCents: number;
  overridden: boolean;
  /** The rule the stay would have been refused by, had the owner not waived it; null if none. */
  waivedRule: string | null;
  turnoverDays: number;
  cancellationPolicyRow: unknown;
}

export type ManualPayment = { kind: "offline"; method: OfflinePaymentMethod } | { kind: "link" };

export interface ManualBookingOptions extends ManualStay {
  guest: CustomerInput;
  payment: ManualPayment;
}

export type ManualBookingResult =
  | { kind: "booking"; bookingId: string; code: string; totalCents: number; engineTotalCents: number; currency: string }
  | { kind: "payment-link"; holdId: string; url: string; expiresAt: Date; totalCents: number; engineTotalCents: number; currency: string };

/** The price a manual booking would have, as the console shows it before saving. Reads only. */
export async function priceManualBooking(options: ManualStay): Promise<ManualPrice> {
  if (options.admin.role !== "OWNER") {
    if (options.totalOverrideCents !== undefined) throw ownerOnly("set the total of a booking");
    if (options.waiveRules) throw ownerOnly("waive the stay rules");
  }
  const stay = { unitId: options.unitId, checkIn: options.checkIn, checkOut: options.checkOut, guests: options.guests, pets: options.pets ?? 0, now: options.now };
  let waivedRule: string | null = null;
  let engine: QuoteResult;
  try {
    try {
      engine = await computeQuote(stay);
    } catch (error) {
      const rule = error instanceof AppError && error.code === "STAY_NOT_ALLOWED" ? error.details?.rule : undefined;
      if (!options.waiveRules || typeof rule !== "string") throw error;
      waivedRule = rule;
      engine = await computeQuote({ ...stay, waiveRules: true });
    }
  } catch (error) {
    // The engine's refusal is the guest's ("no longer available"); the owner is told what is in the way.
    if (error instanceof AppError && error.code === "UNAVAILABLE") throw await takenNights(options);
    throw error;
  }
  let charged: QuoteResult = engine;
  if (options.totalOverrideCents !== undefined) {
    try {
      charged = overrideTotal(engine, options.totalOverrideCents);
    } catch (error) {
      if (error instanceof OverrideTooLowError) throw overrideTooLow(error.minimumCents);
      throw error;
    }
  }
  const { nights, baseCents, discountCents, feesCents, taxCents, totalCents, currency, lineItems, taxLines } = charged;
  return {
    unit: engine.unit,
    checkIn: engine.checkIn,
    checkOut: engine.checkOut,
    quote: { nights, baseCents, discountCents, feesCents, taxCents, totalCents, currency, lineItems, taxLines },
    engineTotalCents: engine.totalCents,
    overridden: totalCents !== engine.totalCents,
    waivedRule,
    turnoverDays: engine.turnoverDays,
    cancellationPolicyRow: engine.cancellationPolicyRow,
  };
}

/**
 * Takes a manual booking: offline, a CONFIRMED booking with its offline payment, the guest's
 * confirmation and the owner's alert; by payment link, a hold of PAYMENT_LINK_HOLD_HOURS at the
 * agreed price and the email with the link. One transaction behind the unit's lock, with an audit
 * row; nights taken by a booking, hold or block are a 409 naming it, whoever got there first.
 */
export async function createManualBooking(options: ManualBookingOptions): Promise<ManualBookingResult> {
  const price = await priceManualBooking(options);
  const unitId = price.unit.id;
  const now = options.now ?? clockNow();
  // The terms the stay is sold under, from the price the guest pays (the policy row came with the quote).
  const terms = await getCancellationTerms({ unitId, checkIn: price.checkIn, quote: { ...price.quote, cancellationPolicyRow: price.cancellationPolicyRow }, now });
  const expiredHere: string[] = [];
  try {
    const result = await withUnitGate(unitId, () =>
      withSerializableRetry(
        async (tx) => {
          await lockUnit(tx, unitId);
          const expired = await expireStaleHolds(tx, { unitId, now });
          expiredHere.splice(0, expiredHere.length, ...expired);
          const blocking = await findBlockingStays(tx, { unitId, start: price.checkIn, end: price.checkOut, now, turnoverDays: price.turnoverDays });
          if (blocking.length > 0) throw nightsTakenBy(await describeStays(tx, blocking));
          const customer = await upsertCustomer(tx, options.guest);
          return options.payment.kind === "offline"
            ? bookOffline(tx, options, options.payment.method, price, customer.id, terms, now)
            : holdForLink(tx, options, price, customer.id, terms, now);
        },
        // A first booking of a new guest racing another for the same email loses the customer
        // insert; a fresh try finds the row. Overlaps are answered below, never retried.
        { retryIf: (error) => isConflictError(error) && !isOverlapError(error) },
      ),
    );
    kickOutbox();
    return result;
  } catch (error) {
    // The constraint is the last word when the check read a snapshot older than the winner's.
    if (isOverlapError(error)) throw await takenNights(options);
    throw error;
  } finally {
    if (expiredHere.length > 0) void cancelExpiredIntents({ holdIds: expiredHere }).catch(() => undefined);
  }
}

const json = (value: unknown) => value as Prisma.InputJsonValue;

function auditFacts(options: ManualBookingOptions, price: ManualPrice) {
  return {
    unitId: price.unit.id,
    checkIn: price.checkIn,
    checkOut: price.checkOut,
    guests: options.guests,
    pets: options.pets ?? 0,
    guestEmail: options.guest.email,
    payment: options.payment.kind === "offline" ? `offline (${options.payment.method})` : "payment link",
    engineTotalCents: price.engineTotalCents,
    totalCents: price.quote.totalCents,
    ...(price.overridden ? { overrideCents: price.quote.totalCents - price.engineTotalCents } : {}),
    ...(price.waivedRule ? { waivedRule: price.waivedRule } : {}),
  };
}

async function bookOffline(
  tx: Tx,
  options: ManualBookingOptions,
  method: OfflinePaymentMethod,
  price: ManualPrice,
  customerId: string,
  terms: Awaited<ReturnType<typeof getCancellationTerms>>,
  now: Date,
): Promise<ManualBookingResult> {
  const { quote } = price;
  const checkIn = toDbDate(price.checkIn);
  const checkOut = toDbDate(price.checkOut);
  const policy = await snapshotForBooking(tx, { id: "manual", unitId: price.unit.id, checkIn, checkOut, cancellationTerms: terms as unknown as Prisma.JsonValue }, quote.totalCents, quote.currency, now);
  // The code is drawn here; a clash with an existing one is a unique violation the retry redraws.
  const booking = await tx.booking.create({
    data: {
      code: generateBookingCode(),
      unitId: price.unit.id,
      customerId,
      checkIn,
      checkOut,
      totalCents: quote.totalCents,
      currency: quote.currency,
      baseCents: quote.baseCents,
      discountCents: quote.discountCents,
      feesCents: quote.feesCents,
      taxCents: quote.taxCents,
      lineItems: json(quote.lineItems),
      taxLines: json(quote.taxLines),
      guests: options.guests,
      pets: options.pets ?? 0,
      turnoverDays: price.turnoverDays,
      cancellationPolicy: json(policy),
      source: "CONSOLE",
      engineTotalCents: price.engineTotalCents,
      ...guestSnapshot(options.guest),
    },
    select: { id: true, code: true, checkOut: true },
  });
  await tx.payment.create({
    data: { bookingId: booking.id, provider: "offline", method, amountCents: quote.totalCents, currency: quote.currency, status: "succeeded" },
  });
  await enqueueBookingConfirmed(tx, booking, { now });
  await recordAudit(tx, options.admin, { action: `Manual booking taken, paid offline (${method.replaceAll("_", " ")})`, entityType: "Booking", entityId: booking.id, after: auditFacts(options, price) });
  return { kind: "booking", bookingId: booking.id, code: booking.code, totalCents: quote.totalCents, engineTotalCents: price.engineTotalCents, currency: quote.currency };
}

async function holdForLink(
  tx: Tx,
  options: ManualBookingOptions,
  price: ManualPrice,
  customerId: string,
  terms: Awaited<ReturnType<typeof getCancellationTerms>>,
  now: Date,
): Promise<ManualBookingResult> {
  const { quote } = price;
  const snapshot: PriceSnapshot = { ...quote };
  const hold = await tx.hold.create({
    data: {
      unitId: price.unit.id,
      checkIn: toDbDate(price.checkIn),
      checkOut: toDbDate(price.checkOut),
      expiresAt: new Date(now.getTime() + PAYMENT_LINK_HOLD_HOURS * 3_600_000),
      customerId,
      guests: options.guests,
      pets: options.pets ?? 0,
      turnoverDays: price.turnoverDays,
      ...guestSnapshot(options.guest),
      // Checkout charges this and copies it onto the booking; `quote` is what the webhook reads.
      consolePrice: json({ ...snapshot, engineTotalCents: price.engineTotalCents }),
      quote: json(snapshot),
      cancellationTerms: json(terms),
    },
    select: { id: true, expiresAt: true },
  });
  await enqueuePaymentLink(tx, hold, { now });
  await recordAudit(tx, options.admin, { action: "Manual booking: payment link sent", entityType: "Hold", entityId: hold.id, after: auditFacts(options, price) });
  const url = new URL("/checkout", env.ORIGIN);
  url.searchParams.set("holdId", hold.id);
  return { kind: "payment-link", holdId: hold.id, url: url.toString(), expiresAt: hold.expiresAt, totalCents: quote.totalCents, engineTotalCents: price.engineTotalCents, currency: quote.currency };
}

/** The 409 for a stay whose nights are taken, naming what takes them as of now. */
async function takenNights(options: ManualStay): Promise<AppError> {
  const unit = await prisma.unit.findFirst({ where: { OR: [{ id: options.unitId }, { slug: options.unitId }] }, select: { id: true, turnoverDays: true } });
  if (!unit) return nightsTakenBy([]);
  const now = options.now ?? clockNow();
  const blocking = await findBlockingStays(prisma, { unitId: unit.id, start: options.checkIn, end: options.checkOut, now, turnoverDays: unit.turnoverDays });
  return nightsTakenBy(await describeStays(prisma, blocking));
}

/** What the owner knows each blocking stay by: a booking's code and guest, a hold, a block's reason or channel. */
async function describeStays(db: Db, stays: BlockingStay[]): Promise<StayInTheWay[]> {
  const ids = (kind: BlockingStay["kind"]) => stays.filter((s) => s.kind === kind).map((s) => s.id);
  const [bookings, holds, blocks] = await Promise.all([
    db.booking.findMany({ where: { id: { in: ids("booking") } }, select: { id: true, code: true, guestFirstName: true, guestLastName: true, customer: { select: { firstName: true, lastName: true } } } }),
    db.hold.findMany({ where: { id: { in: ids("hold") } }, select: { id: true, consolePrice: true } }),
    db.block.findMany({ where: { id: { in: ids("block") } }, select: { id: true, kind: true, reason: true, feed: { select: { channel: true } } } }),
  ]);
  return stays.map((stay) => {
    let label: string;
    if (stay.kind === "booking") {
      const b = bookings.find((row) => row.id === stay.id);
      label = b ? `booking ${b.code} (${b.guestFirstName ?? b.customer.firstName} ${b.guestLastName ?? b.customer.lastName})` : `booking ${stay.id}`;
    } else if (stay.kind === "hold") {
      const h = holds.find((row) => row.id === stay.id);
      label = h?.consolePrice ? `a payment link not yet paid (hold ${stay.id})` : `a guest's hold being paid for (hold ${stay.id})`;
    } else {
      const b = blocks.find((row) => row.id === stay.id);
      label = b?.kind === "EXTERNAL" ? `nights sold on ${b.feed?.channel ?? "another channel"}` : `an owner block${b?.reason ? ` (${b.reason})` : ""}`;
    }
    return { kind: stay.kind, id: stay.id, start: stay.start, end: stay.end, label };
  });
}
