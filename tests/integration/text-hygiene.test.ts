import { emulator } from "../support/stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { POST as postCheckout } from "@/app/api/v1/checkout/route";
import { POST as postCancel } from "@/app/api/v1/bookings/cancel/route";
import { addDays, todayIn } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { bearer, callRoute } from "../support/call-route";
import { createBooking, createRatePlan, createUnit } from "../support/factories";
import { TEST_SERVICE_API_KEY } from "../support/test-env";

// Every free-text field of the API refuses NUL, other control characters and lone surrogates
// with a 400 in the standard shape, and nothing is written. Before this, a NUL in a name reached
// PostgreSQL and came back as a 500 (SQLSTATE 22021).

const auth = bearer(TEST_SERVICE_API_KEY);
const guest = { firstName: "Ana", lastName: "Rivera", email: "ana@example.com", phone: "+1 239 555 0100" };
// Bad values as they arrive in a JSON body: escapes JSON.parse turns into the raw characters.
const BAD = { nul: "Ana\u0000", bell: "Ana\u0007", escape: "Ana\u001b[31m", loneHigh: "Ana\ud800", loneLow: "\udc00Ana" };
let unitId: string;
let day0: string;

beforeAll(async () => {
  const unit = await createUnit();
  unitId = unit.id;
  await createRatePlan({ unitId, nightly: 10_000, currency: "USD" });
  day0 = addDays(todayIn("America/New_York"), 20);
});

function expect400(res: { status: number; body: any }, path: string) {
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe("VALIDATION_FAILED");
  expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
}

describe("customer fields on POST /api/v1/holds and /api/v1/checkout", () => {
  for (const field of ["firstName", "lastName", "email", "phone"] as const) {
    for (const [kind, value] of Object.entries(BAD)) {
      it(`refuses ${kind} in customer.${field} with 400 and holds nothing`, async () => {
        const before = await prisma.hold.count();
        const body = { unitId, checkIn: day0, checkOut: addDays(day0, 2), guests: 2, customer: { ...guest, [field]: value } };
        const res = await callRoute(postHold, { path: "/api/v1/holds", rawBody: JSON.stringify(body), headers: auth });
        expect400(res, `customer.${field}`);
        expect(await prisma.hold.count()).toBe(before);

        const checkout = await callRoute(postCheckout, {
          path: "/api/v1/checkout",
          rawBody: JSON.stringify({ holdId: "cmhold000000000000000000", customer: { ...guest, [field]: value } }),
          headers: auth,
        });
        expect400(checkout, `customer.${field}`);
      });
    }
  }

  it("still accepts accents, emoji and apostrophes in names", async () => {
    const body = { unitId, checkIn: addDays(day0, 10), checkOut: addDays(day0, 12), guests: 2, customer: { ...guest, firstName: "José 🌴", lastName: "O'Brien-Ñúñez" } };
    const res = await callRoute(postHold, { path: "/api/v1/holds", body, headers: auth });
    expect(res.status).toBe(201);
  });
});

describe("reason on POST /api/v1/bookings/cancel", () => {
  for (const [kind, value] of Object.entries(BAD)) {
    it(`refuses ${kind} in reason with 400 and leaves the booking confirmed`, async () => {
      const booking = await createBooking({ unitId, checkIn: addDays(day0, 40), checkOut: addDays(day0, 41) });
      const res = await callRoute(postCancel, { path: "/api/v1/bookings/cancel", rawBody: JSON.stringify({ bookingId: booking.id, reason: value }), headers: auth });
      expect400(res, "reason");
      expect((await prisma.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CONFIRMED");
      await prisma.booking.delete({ where: { id: booking.id } });
    });
  }

  it("keeps tab and line breaks in a reason", async () => {
    const booking = await createBooking({ unitId, checkIn: addDays(day0, 50), checkOut: addDays(day0, 51) });
    const res = await callRoute(postCancel, { path: "/api/v1/bookings/cancel", body: { bookingId: booking.id, reason: "Guest called:\n\tplans changed" }, headers: auth });
    expect(res.status).toBe(200);
    expect(res.body.cancelReason).toBe("Guest called:\n\tplans changed");
  });
});

describe("the database's own refusal", () => {
  it("a NUL that reaches PostgreSQL anyway answers 400, not 500", async () => {
    // Straight to the database, past the schemas: the mapping of SQLSTATE 22021 is the backstop.
    const { errorResponse } = await import("@/lib/server/http/define-route");
    const failure = await prisma.customer.create({ data: { firstName: "A\u0000", lastName: "B", email: "nul@example.test" } }).catch((e: unknown) => e);
    const res = errorResponse(failure, "req-1");
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe("VALIDATION_FAILED");
  });
});

void emulator;
