import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as postLookup } from "@/app/api/v1/bookings/lookup/route";
import { addDays, todayIn } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { bookingIdForManageToken, revokeManageTokens } from "@/lib/server/bookings/manage-token";
import { bearer, callRoute } from "../support/call-route";
import { createBooking, createCustomer, createUnit } from "../support/factories";
import { TEST_ORIGIN, TEST_SERVICE_API_KEY } from "../support/test-env";

// POST /api/v1/bookings/lookup: code + email, one answer for every kind of miss, rate limited
// per client (5 per minute here, set before the app reads its environment).

vi.hoisted(() => {
  process.env.RATE_LIMIT_MAX = "5";
  process.env.RATE_LIMIT_WINDOW_SECONDS = "60";
  delete process.env.UPSTASH_REDIS_REST_URL;
  delete process.env.UPSTASH_REDIS_REST_TOKEN;
  delete process.env.TRUSTED_IP_HEADER;
});

const auth = bearer(TEST_SERVICE_API_KEY);
let code: string;
let bookingId: string;
let client = 0;
// A stay a month out, from today in the property's zone (its manage links must not have expired).
const checkIn = addDays(todayIn("America/New_York"), 30);
const checkOut = addDays(checkIn, 4);

beforeAll(async () => {
  const unit = await createUnit({ name: "Lookup Cottage", slug: "lookup-cottage" });
  const customer = await createCustomer({ firstName: "Ana", lastName: "Rivera", email: "ana.lookup@example.com" });
  const booking = await createBooking({ unitId: unit.id, checkIn, checkOut, customerId: customer.id, totalCents: 64_000 });
  await prisma.booking.update({ where: { id: booking.id }, data: { guestFirstName: "Ana", guestLastName: "Rivera-Snapshot" } });
  code = booking.code;
  bookingId = booking.id;
});


/** Each test speaks from its own client address, so budgets never leak between tests. */
function lookup(body: unknown, ip: string) {
  return callRoute(postLookup, { path: "/api/v1/bookings/lookup", body, headers: { ...auth, "x-palm-guest-ip": ip } });
}

describe("POST /api/v1/bookings/lookup", () => {
  it("finds the booking by code and email, in any case and with or without the prefix, with a working manage link", async () => {
    const ip = `10.0.0.${++client}`;
    expect(code).toMatch(/^PAC-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$/); // drawn by the database default
    for (const given of [code, code.toLowerCase(), code.slice(4), ` ${code.slice(0, 3)} ${code.slice(4)} `]) {
      const res = await lookup({ code: given, email: "ANA.lookup@example.com" }, ip);
      expect(res.status, given).toBe(200);
      expect(res.body).toMatchObject({
        code,
        status: "CONFIRMED",
        unit: { name: "Lookup Cottage", slug: "lookup-cottage" },
        checkIn,
        checkOut,
        nights: 4,
        guestName: "Ana Rivera-Snapshot",
        totalCents: 64_000,
        currency: "USD",
      });
      expect(res.headers.get("cache-control")).toBe("no-store");
      const token = new RegExp(`^${TEST_ORIGIN}/bookings/manage/([A-Za-z0-9_-]{43})$`).exec(res.body.manageUrl)?.[1];
      expect(token).toBeDefined();
      expect(await bookingIdForManageToken(token!)).toBe(bookingId);
      if (given !== code) continue;
      // Revoked links stop working.
      await revokeManageTokens(bookingId);
      expect(await bookingIdForManageToken(token!)).toBeNull();
    }
  });

  it("answers a wrong email, an unknown code and a malformed code the same way", async () => {
    const ip = `10.0.1.${++client}`;
    const otherCode = code.endsWith("Z") ? `${code.slice(0, -1)}Y` : `${code.slice(0, -1)}Z`;
    const answers = [
      await lookup({ code, email: "someone.else@example.com" }, ip),
      await lookup({ code: otherCode, email: "ana.lookup@example.com" }, ip),
      await lookup({ code: "NOT-A-CODE", email: "ana.lookup@example.com" }, ip),
    ];
    for (const res of answers) {
      expect(res.status).toBe(404);
      const { requestId: _ignored, ...error } = res.body.error;
      expect(error).toEqual({ code: "NOT_FOUND", message: "No booking matches that booking code and email." });
    }
    // Byte for byte the same body, apart from the request id.
    const strip = (text: string) => text.replace(/"requestId":"[^"]+"/, "");
    expect(new Set(answers.map((a) => strip(a.text))).size).toBe(1);
  });

  it("is rate limited per client: the sixth attempt in a minute gets 429, another client is unaffected", async () => {
    const ip = `10.0.2.${++client}`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await lookup({ code, email: `guess${i}@example.com` }, ip)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    const limited = await lookup({ code, email: "ana.lookup@example.com" }, ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await lookup({ code, email: "ana.lookup@example.com" }, `10.0.3.${++client}`)).status).toBe(200);
  });

  it("needs the service key", async () => {
    const res = await callRoute(postLookup, { path: "/api/v1/bookings/lookup", body: { code, email: "ana.lookup@example.com" } });
    expect(res.status).toBe(401);
  });
});
