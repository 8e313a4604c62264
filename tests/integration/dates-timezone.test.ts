import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as availability } from "@/app/api/v1/availability/route";
import { POST as quote } from "@/app/api/v1/quote/route";
import { checkAvailability } from "@/lib/server/availability/check-availability";
import { prisma } from "@/lib/server/db/client";
import { callRoute } from "../support/call-route";
import { NEXT_YEAR } from "../support/dates";
import { createBooking, createHold, createUnit, seed } from "../support/factories";

// A night must never move by a day, whatever the time zone of the Node process or of the
// database session. Node honours a runtime change of process.env.TZ, so the same checks run at
// UTC+14 (Pacific/Kiritimati) and UTC-11 (Pacific/Pago_Pago), against a database whose sessions
// run at UTC-11 too, where reading a midnight-UTC instant as a local date would give the day before.

const originalTz = process.env.TZ;

// March of next year: always in the future; the nights below never reach February 29, and the
// seeded seasons (the Apr Discount from April 1) recur every year.
const Y = NEXT_YEAR;

beforeAll(async () => {
  // Set before the app's first query so every pooled connection starts with this zone.
  const url = new URL(process.env.DATABASE_URL!);
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${url.pathname.slice(1)}" SET timezone TO 'Pacific/Pago_Pago'`);
  await admin.end();
  await seed();
});

afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

it("runs the database sessions at UTC-11", async () => {
  const [row] = await prisma.$queryRaw<Array<{ tz: string }>>`SELECT current_setting('TimeZone') AS tz`;
  expect(row?.tz).toBe("Pacific/Pago_Pago");
});

// [zone, Date#getTimezoneOffset() in minutes, which is UTC minus local time]
describe.each([
  ["Pacific/Kiritimati", -840],
  ["Pacific/Pago_Pago", 660],
])("with TZ=%s", (zone, offsetMinutes) => {
  let unitId: string;

  beforeAll(async () => {
    process.env.TZ = zone;
    unitId = (await createUnit({ type: "COTTAGE_1BR" })).id;
  });

  it("the process really is in that zone", () => {
    expect(new Date(Date.UTC(Y, 2, 10)).getTimezoneOffset()).toBe(offsetMinutes);
  });

  it("a booking of 03-10..03-12 is stored and read back as exactly those dates", async () => {
    const booking = await createBooking({ unitId, checkIn: `${Y}-03-10`, checkOut: `${Y}-03-12` });
    const [stored] = await prisma.$queryRaw<Array<{ checkIn: string; checkOut: string }>>`
      SELECT "checkIn"::text AS "checkIn", "checkOut"::text AS "checkOut" FROM "Booking" WHERE id = ${booking.id}`;
    expect(stored).toEqual({ checkIn: `${Y}-03-10`, checkOut: `${Y}-03-12` });

    const res = await callRoute(availability, {
      path: "/api/v1/availability",
      query: { unitId, start: `${Y}-03-01`, end: `${Y}-03-31` },
    });
    expect(res.status).toBe(200);
    expect(res.body.unavailable).toEqual([{ start: `${Y}-03-10`, end: `${Y}-03-12`, kind: "booking" }]);
  });

  it("blocks exactly the nights of 03-10 and 03-11, and the holds' nights likewise", async () => {
    await createHold({ unitId, checkIn: `${Y}-03-20`, checkOut: `${Y}-03-21` });
    const blocked = async (start: string, end: string) => {
      const res = await callRoute(availability, { path: "/api/v1/availability", query: { unitId, start, end } });
      return res.body.unavailable.length > 0;
    };
    expect(await blocked(`${Y}-03-09`, `${Y}-03-10`)).toBe(false);
    expect(await blocked(`${Y}-03-10`, `${Y}-03-11`)).toBe(true);
    expect(await blocked(`${Y}-03-11`, `${Y}-03-12`)).toBe(true);
    expect(await blocked(`${Y}-03-12`, `${Y}-03-13`)).toBe(false);
    expect(await blocked(`${Y}-03-19`, `${Y}-03-20`)).toBe(false);
    expect(await blocked(`${Y}-03-20`, `${Y}-03-21`)).toBe(true);
    expect(await blocked(`${Y}-03-21`, `${Y}-03-22`)).toBe(false);
  });

  it("a quote of 03-31..04-02 has exactly one Apr Discount night (Apr 1)", async () => {
    const res = await callRoute(quote, {
      path: "/api/v1/quote",
      body: { unitId: "essex", checkIn: `${Y}-03-31`, checkOut: `${Y}-04-02` },
    });
    expect(res.status).toBe(200);
    // 2 x 16500 = 33000; Apr 1 at 10% = 1650 off; + 4000 = 35350.
    expect(res.body).toMatchObject({ nights: 2, baseCents: 33000, discountCents: 1650, feesCents: 4000, totalCents: 35350 });
    expect(res.body.lineItems).toEqual([
      { label: "Nightly rate × 2 (2 nights)", amountCents: 33000, kind: "base" },
      { label: "Apr Discount (10% off 1 night)", amountCents: -1650, kind: "discount" },
      { label: "Cleaning Fee", amountCents: 4000, kind: "fee" },
    ]);
  });

  it("'today' is the property's date (America/New_York), not the server's", async () => {
    // 03-10 03:00 UTC is 03-09 22:00 in New York (EST, UTC-5; or 23:00 EDT in a year whose DST
    // change, the second Sunday of March, is March 8 or 9) and already 03-10 17:00 in Kiritimati:
    // the property's today is 03-09, so a stay from 03-09 is not in the past.
    const now = new Date(Date.UTC(Y, 2, 10, 3, 0));
    const from09 = await checkAvailability({ unitRef: "essex", start: `${Y}-03-09`, end: `${Y}-03-10`, now });
    expect(from09).toMatchObject({ isAvailable: true, unavailable: [] });
    const from08 = await checkAvailability({ unitRef: "essex", start: `${Y}-03-08`, end: `${Y}-03-09`, now });
    expect(from08).toMatchObject({ isAvailable: false, reason: "Dates in the past cannot be booked." });
  });
});
