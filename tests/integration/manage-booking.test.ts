import { beforeAll, describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { GET as getCalendar } from "@/app/bookings/manage/[token]/calendar.ics/route";
import { prisma } from "@/lib/server/db/client";
import { getManagedBooking, getReceiptBooking } from "@/lib/server/bookings/get-managed-booking";
import { hashManageToken, issueManageToken, revokeManageTokens } from "@/lib/server/bookings/manage-token";
import { callRoute } from "../support/call-route";
import { NEXT_YEAR } from "../support/dates";
import { createBooking, createCustomer, createUnit, seed } from "../support/factories";

// The manage link's token: stored hashed, opens its own booking only, and a wrong, revoked or
// expired token is a plain 404 that names nothing.

// Stays early in March of next year: in the future whatever today is, and before the DST change
// on the second Sunday of March (the 8th at the earliest), so New York is at UTC-5 for them.
const Y = NEXT_YEAR;

let mine: { id: string; code: string; checkOut: Date };
let theirs: { id: string; code: string; checkOut: Date };
let token: string;
let otherToken: string;

beforeAll(async () => {
  await seed();
  const unit = await createUnit({ name: "Manage Cottage" });
  const ana = await createCustomer({ email: "ana.manage@example.com" });
  const bob = await createCustomer({ email: "bob.manage@example.com" });
  mine = await createBooking({ unitId: unit.id, checkIn: `${Y}-03-01`, checkOut: `${Y}-03-04`, customerId: ana.id });
  theirs = await createBooking({ unitId: unit.id, checkIn: `${Y}-03-10`, checkOut: `${Y}-03-12`, customerId: bob.id });
  token = await issueManageToken(prisma, { bookingId: mine.id, checkOut: mine.checkOut });
  otherToken = await issueManageToken(prisma, { bookingId: theirs.id, checkOut: theirs.checkOut });
});

function calendar(t: string) {
  return callRoute(getCalendar as never, { path: `/bookings/manage/${t}/calendar.ics`, params: { token: t } });
}

describe("manage-my-booking token", () => {
  it("is stored only as its sha256", async () => {
    const rows = await prisma.bookingManageToken.findMany({ where: { bookingId: mine.id } });
    expect(rows.map((r) => r.tokenHash)).toEqual([hashManageToken(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(hashManageToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("serves its own booking's calendar file, at the property's check-in and check-out times", async () => {
    const res = await calendar(token);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${mine.code}.ics"`);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(res.text)).getFirstSubcomponent("vevent")!);
    // March 1 is before the DST change: New York is UTC-5, so 15:00 local = 20:00Z and check-out
    // on March 4 at 11:00 local = 16:00Z.
    expect(event.startDate.toJSDate().toISOString()).toBe(`${Y}-03-01T20:00:00.000Z`);
    expect(event.endDate.toJSDate().toISOString()).toBe(`${Y}-03-04T16:00:00.000Z`);
    expect(event.summary).toContain(mine.code);
  });

  it("answers a plain 404 for a wrong, malformed, revoked or expired token", async () => {
    const expired = await issueManageToken(prisma, { bookingId: mine.id, checkOut: mine.checkOut });
    await prisma.bookingManageToken.update({ where: { tokenHash: hashManageToken(expired) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await issueManageToken(prisma, { bookingId: theirs.id, checkOut: theirs.checkOut });
    await revokeManageTokens(theirs.id);
    for (const t of ["A".repeat(43), "short", expired, revoked, `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`]) {
      const res = await calendar(t);
      expect(res.status, t).toBe(404);
      expect(res.text).toBe("Not found");
    }
    // Revoking Bob's links revoked his earlier one too; Ana's still works.
    expect(await getManagedBooking(otherToken)).toBeNull();
    expect((await getManagedBooking(token))?.booking.code).toBe(mine.code);
  });

  it("opens a receipt only for the token's own booking code", async () => {
    expect((await getReceiptBooking(mine.code, token))?.booking.id).toBe(mine.id);
    expect((await getReceiptBooking(mine.code.toLowerCase(), token))?.booking.id).toBe(mine.id);
    expect(await getReceiptBooking(theirs.code, token)).toBeNull();
    expect(await getReceiptBooking(mine.code, "")).toBeNull();
  });

  it("offers online cancellation only for a confirmed booking before its arrival day", async () => {
    expect((await getManagedBooking(token, { now: new Date(`${Y}-02-28T12:00:00Z`) }))?.canCancel).toBe(true);
    expect((await getManagedBooking(token, { now: new Date(`${Y}-03-01T12:00:00Z`) }))?.canCancel).toBe(false);
  });
});
