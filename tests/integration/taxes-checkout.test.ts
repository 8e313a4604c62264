import { emulator } from "../support/stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postQuote } from "@/app/api/v1/quote/route";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { POST as postCheckout } from "@/app/api/v1/checkout/route";
import { addDays, todayIn } from "@/lib/dates";
import { env } from "@/lib/env";
import { prisma } from "@/lib/server/db/client";
import { bearer, callRoute } from "../support/call-route";
import { seedWithTaxes } from "../support/factories";
import { TEST_SERVICE_API_KEY } from "../support/test-env";

// The quote a guest sees, the PaymentIntent amount and the stored booking agree to the cent,
// taxes included. Seeded property with its three placeholder taxes (6% + 1% + 5%, cleaning and
// pet fees taxed) and no seasons (deleted below), so prices do not depend on today's date.
// Essex: nightly 16500, pet-friendly. Cleaning 4000 per stay, Pet Fee 2500 per pet per stay.

const auth = bearer(TEST_SERVICE_API_KEY);
const guest = { firstName: "Ana", lastName: "Rivera", email: "ana@example.com" };
const today = () => todayIn(env.PROPERTY_TIMEZONE);

beforeAll(async () => {
  await seedWithTaxes();
  await prisma.season.deleteMany();
});

describe("taxes from quote to booking", () => {
  it("charges and books exactly the taxed quote, and keeps it when the rate changes later", async () => {
    const checkIn = addDays(today(), 30);
    const checkOut = addDays(checkIn, 3);
    // 3 nights x 16500 = 49500 (3 nightly beats nothing cheaper); cleaning 4000; 1 pet 2500.
    // Taxable 49500 + 4000 + 2500 = 56000: 6% = 3360, 1% = 560, 5% = 2800; tax 6720.
    // Total 49500 + 6500 + 6720 = 62720.
    const quote = await callRoute(postQuote, { path: "/api/v1/quote", body: { unitId: "essex", checkIn, checkOut, guests: 2, pets: 1 } });
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ baseCents: 49500, discountCents: 0, feesCents: 6500, taxCents: 6720, totalCents: 62720 });
    expect(quote.body.taxLines).toEqual([
      { name: "Florida sales tax", rateBps: 600, taxableCents: 56000, amountCents: 3360 },
      { name: "County discretionary surtax", rateBps: 100, taxableCents: 56000, amountCents: 560 },
      { name: "Tourist development tax", rateBps: 500, taxableCents: 56000, amountCents: 2800 },
    ]);
    expect(quote.body.lineItems).toContainEqual({ label: "Pet Fee", amountCents: 2500, kind: "fee" });

    const hold = await callRoute(postHold, { path: "/api/v1/holds", body: { unitId: "essex", checkIn, checkOut, guests: 2, pets: 1 }, headers: auth });
    expect(hold.status).toBe(201);
    expect(hold.body).toMatchObject({ guests: 2, pets: 1 });
    const checkout = await callRoute(postCheckout, { path: "/api/v1/checkout", body: { holdId: hold.body.holdId, customer: guest }, headers: auth });
    expect(checkout.status).toBe(200);
    expect(checkout.body).toMatchObject({ amountCents: 62720, guests: 2, pets: 1 });
    const pi = emulator.paymentIntents().find((p) => p.id === checkout.body.paymentIntentId)!;
    expect(pi.amount).toBe(62720);
    expect(pi.metadata.taxCents).toBe("6720");

    expect((await emulator.succeed(pi.id)).status).toBe(200);
    const booking = await prisma.booking.findFirstOrThrow({ where: { holdId: hold.body.holdId }, include: { payment: true } });
    expect(booking).toMatchObject({ totalCents: 62720, baseCents: 49500, discountCents: 0, feesCents: 6500, taxCents: 6720, guests: 2, pets: 1 });
    expect(booking.payment?.amountCents).toBe(62720);
    expect(booking.taxLines).toEqual(quote.body.taxLines);
    expect(booking.lineItems).toEqual(quote.body.lineItems);

    // A later rate change prices new stays differently and leaves the booking as charged.
    await prisma.tax.update({ where: { code: "county-tdt" }, data: { rateBps: 600 } });
    const again = await callRoute(postQuote, { path: "/api/v1/quote", body: { unitId: "essex", checkIn: addDays(checkIn, 10), checkOut: addDays(checkIn, 13), guests: 2, pets: 1 } });
    // Tourist tax 6% of 56000 = 3360: tax 3360 + 560 + 3360 = 7280; total 56000 + 7280 = 63280.
    expect(again.body).toMatchObject({ taxCents: 7280, totalCents: 63280 });
    const stored = await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(stored).toMatchObject({ totalCents: 62720, taxCents: 6720 });
    expect(stored.taxLines).toEqual(booking.taxLines);
    await prisma.tax.update({ where: { code: "county-tdt" }, data: { rateBps: 500 } });
  });

  it("does not tax a stay longer than 182 nights", async () => {
    // RV-01 (RV_SITE plan: nightly 5500, weekly 33000, monthly 95000, 4-month 340000), 183 nights:
    // 120 + 30 + 30 + 3 = 340000 + 190000 + 16500 = 546500; cleaning 4000; no tax: 550500.
    const checkIn = addDays(today(), 40);
    const res = await callRoute(postQuote, { path: "/api/v1/quote", body: { unitId: "rv-01", checkIn, checkOut: addDays(checkIn, 183), guests: 2 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ nights: 183, baseCents: 546500, feesCents: 4000, taxCents: 0, totalCents: 550500, taxLines: [] });
  });

  it("taxes a stay of exactly 182 nights", async () => {
    // 120 + 30 + 30 + 2 = 340000 + 190000 + 11000 = 541000; + 4000 = 545000 taxable; 12% = 65400.
    const checkIn = addDays(today(), 40);
    const res = await callRoute(postQuote, { path: "/api/v1/quote", body: { unitId: "rv-01", checkIn, checkOut: addDays(checkIn, 182), guests: 2 } });
    expect(res.body).toMatchObject({ nights: 182, baseCents: 541000, taxCents: 65400, totalCents: 610400 });
  });
});
