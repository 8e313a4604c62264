import { randomBytes } from "node:crypto";
import type { Prisma, UnitType } from "@prisma/client";
import { prisma } from "@/lib/server/db/client";
import { toDbDate, type IsoDate } from "@/lib/dates";
import { seedDatabase } from "@/lib/seed/seed-database";

// Test data builders. Each returns the created row; unique values are randomised so tests in
// one file never collide.

const uid = () => randomBytes(4).toString("hex");

/**
 * The property's seed WITHOUT taxes and stay rules: the older tests' hand-worked totals are
 * untaxed and their dates ignore minimum stays. Tests of taxes and rules call seedTaxes/seedStayRules.
 */
export async function seed() {
  await seedDatabase(prisma, { taxes: false, stayRules: false });
}

/** The full production seed: units, rates, fees, taxes and stay rules. */
export async function seedAll() {
  await seedDatabase(prisma);
}

export async function createUnit(overrides: Partial<Prisma.UnitUncheckedCreateInput> & { type?: UnitType } = {}) {
  const slug = overrides.slug ?? `unit-${uid()}`;
  return prisma.unit.create({
    data: { slug, name: overrides.name ?? `Unit ${slug}`, type: overrides.type ?? "COTTAGE_1BR", capacity: 4, ...overrides },
  });
}

export async function createRatePlan(data: Prisma.RatePlanUncheckedCreateInput) {
  return prisma.ratePlan.create({ data });
}

export async function createCustomer(overrides: Partial<Prisma.CustomerCreateInput> = {}) {
  return prisma.customer.create({
    data: { firstName: "Test", lastName: "Guest", email: `guest-${uid()}@example.test`, ...overrides },
  });
}

export async function createHold(options: {
  unitId: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
  expiresAt?: Date;
  status?: "ACTIVE" | "EXPIRED" | "CONVERTED" | "CANCELLED";
  customerId?: string;
  guests?: number;
  turnoverDays?: number;
}) {
  return prisma.hold.create({
    data: {
      unitId: options.unitId,
      checkIn: toDbDate(options.checkIn),
      checkOut: toDbDate(options.checkOut),
      expiresAt: options.expiresAt ?? new Date(Date.now() + 15 * 60_000),
      status: options.status ?? "ACTIVE",
      customerId: options.customerId,
      guests: options.guests ?? 2,
      turnoverDays: options.turnoverDays ?? 0,
    },
  });
}

export async function createBooking(options: {
  unitId: string;
  checkIn: IsoDate;
  checkOut: IsoDate;
  status?: "CONFIRMED" | "CANCELLED";
  totalCents?: number;
  customerId?: string;
  turnoverDays?: number;
}) {
  const customerId = options.customerId ?? (await createCustomer()).id;
  return prisma.booking.create({
    data: {
      unitId: options.unitId,
      customerId,
      checkIn: toDbDate(options.checkIn),
      checkOut: toDbDate(options.checkOut),
      status: options.status ?? "CONFIRMED",
      totalCents: options.totalCents ?? 10000,
      // The whole total as nightly charge: these rows stand in for bookings whose split a test does not read.
      baseCents: options.totalCents ?? 10000,
      discountCents: 0,
      feesCents: 0,
      taxCents: 0,
      turnoverDays: options.turnoverDays ?? 0,
    },
  });
}

/** The property's seed with its lodging taxes (and no stay rules): for tests of taxed totals. */
export async function seedWithTaxes() {
  await seedDatabase(prisma, { taxes: true, stayRules: false });
}

/** An import feed with the health fields a test sets (a stale one: lastSuccessAt long ago). */
export async function createFeed(options: { unitId: string; channel?: string; url?: string; enabled?: boolean; createdAt?: Date; lastAttemptAt?: Date | null; lastSuccessAt?: Date | null; lastError?: string | null }) {
  const { unitId, channel = "airbnb", url = `https://calendar.example.test/${uid()}.ics`, ...rest } = options;
  return prisma.channelFeed.create({ data: { unitId, channel, url, ...rest } });
}

/** An open conflict: `feed`'s channel sold [blockStart, blockEnd) over the booking. */
export async function createConflict(options: { feed: { id: string; unitId: string; channel: string }; booking: { id: string; checkIn: Date; checkOut: Date }; blockStart: IsoDate; blockEnd: IsoDate }) {
  const { feed, booking } = options;
  return prisma.channelConflict.create({
    data: {
      unitId: feed.unitId,
      feedId: feed.id,
      channel: feed.channel,
      externalUid: `ext-${uid()}`,
      blockStart: toDbDate(options.blockStart),
      blockEnd: toDbDate(options.blockEnd),
      stayKind: "booking",
      stayId: booking.id,
      stayStart: booking.checkIn,
      stayEnd: booking.checkOut,
    },
  });
}

/** An email of the booking that the sender gave up on. */
export async function createFailedMessage(options: { bookingId: string; kind?: "BOOKING_CONFIRMED" | "PRE_ARRIVAL"; lastError?: string }) {
  return prisma.outboxMessage.create({
    data: {
      kind: options.kind ?? "BOOKING_CONFIRMED",
      recipient: "GUEST",
      bookingId: options.bookingId,
      status: "FAILED",
      attempts: 8,
      messageId: `<${uid()}@palmairecourt.test>`,
      lastError: options.lastError ?? "EENVELOPE 550",
    },
  });
}
