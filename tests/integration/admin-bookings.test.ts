import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportCsv } from "@/app/api/admin/bookings/export/route";
import { POST as addNote } from "@/app/api/admin/bookings/[id]/notes/route";
import { addDays, todayIn } from "@/lib/dates";
import { getBoard } from "@/lib/server/admin/get-board";
import { getBookingDetail } from "@/lib/server/admin/get-booking-detail";
import { getDashboard } from "@/lib/server/admin/get-dashboard";
import { listBookings } from "@/lib/server/admin/list-bookings";
import { prisma } from "@/lib/server/db/client";
import { callRoute } from "../support/call-route";
import { signedIn } from "../support/admin-session";
import { createBooking, createCustomer, createHold, createUnit } from "../support/factories";
import { TEST_ORIGIN } from "../support/test-env";

// The console's bookings list, CSV export, notes with their audit rows, board and dashboard,
// in a database of its own. Stay dates count from today in the property's time zone.

const today = todayIn(process.env.PROPERTY_TIMEZONE!);
let staff: Awaited<ReturnType<typeof signedIn>>;
let unitA: { id: string; name: string };
let unitB: { id: string; name: string };
let arriving: { id: string };
let leaving: { id: string };
let future: { id: string };
let past: { id: string };
let cancelled: { id: string };

beforeAll(async () => {
  staff = await signedIn("STAFF");
  unitA = await createUnit({ name: "Alpha cottage" });
  unitB = await createUnit({ name: "Bravo trailer" });
  const ann = await createCustomer({ firstName: "Ann", lastName: "Smith", email: "ann.smith@example.test", phone: "+1 555 0101" });
  const bob = await createCustomer({ firstName: "=HYPERLINK(\"x\")", lastName: "Jones", email: "bob@example.test" });
  arriving = await createBooking({ unitId: unitA.id, checkIn: today, checkOut: addDays(today, 3), customerId: ann.id, totalCents: 30_000 });
  leaving = await createBooking({ unitId: unitB.id, checkIn: addDays(today, -2), checkOut: today, customerId: bob.id, totalCents: 20_000 });
  future = await createBooking({ unitId: unitB.id, checkIn: addDays(today, 40), checkOut: addDays(today, 47), customerId: ann.id, totalCents: 70_000 });
  past = await createBooking({ unitId: unitA.id, checkIn: addDays(today, -30), checkOut: addDays(today, -25), totalCents: 50_000 });
  cancelled = await createBooking({ unitId: unitA.id, checkIn: addDays(today, 10), checkOut: addDays(today, 12), status: "CANCELLED", totalCents: 1 });
  await createHold({ unitId: unitA.id, checkIn: addDays(today, 20), checkOut: addDays(today, 22) });
});

describe("console bookings list", () => {
  const base = { when: "upcoming" as const, page: 1 };

  it("lists upcoming and current stays soonest first, and past ones newest first", async () => {
    const upcoming = await listBookings(base);
    // `leaving` checks out today, so it is past; the cancelled one is still upcoming.
    expect(upcoming.rows.map((r) => r.id)).toEqual([arriving.id, cancelled.id, future.id]);
    const gone = await listBookings({ ...base, when: "past" });
    expect(gone.rows.map((r) => r.id)).toEqual([leaving.id, past.id]);
  });

  it("searches by name words, email part and id, and filters by status and unit", async () => {
    const ids = async (q: Partial<Parameters<typeof listBookings>[0]>) => (await listBookings({ ...base, when: "all", ...q })).rows.map((r) => r.id).sort();
    expect(await ids({ q: "ann smith" })).toEqual([arriving.id, future.id].sort());
    expect(await ids({ q: "SMITH@EXAMPLE" })).toEqual([arriving.id, future.id].sort());
    expect(await ids({ q: past.id })).toEqual([past.id]);
    expect(await ids({ status: "CANCELLED" })).toEqual([cancelled.id]);
    expect(await ids({ unitId: unitB.id })).toEqual([leaving.id, future.id].sort());
    expect(await ids({ q: "nobody-by-this-name" })).toEqual([]);
  });

  it("exports CSV with one row per booking, quoting and defusing spreadsheet formulas", async () => {
    const res = await callRoute(exportCsv, { path: "/api/admin/bookings/export", query: { when: "all", unitId: unitB.id }, headers: { cookie: staff.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = res.text.trimEnd().split("\r\n");
    expect(lines[0]).toBe("Booking,Unit,Guest,Email,Phone,Check-in,Check-out,Nights,Status,Total,Currency,Booked at");
    expect(lines).toHaveLength(3);
    // Bob's first name starts with "=": prefixed with ' so no spreadsheet runs it, and quoted
    // because it holds double quotes.
    expect(lines[1]).toContain(`,"'=HYPERLINK(""x"") Jones",bob@example.test,,${addDays(today, -2)},${today},2,CONFIRMED,200.00,USD,`);
    // A phone number starting with "+" is defused too (a spreadsheet would read it as a formula).
    expect(lines[2]).toContain(`,Ann Smith,ann.smith@example.test,'+1 555 0101,${addDays(today, 40)},${addDays(today, 47)},7,CONFIRMED,700.00,USD,`);
  });
});

describe("console booking notes and the audit log", () => {
  it("adds a note, records who added it, and shows both on the booking", async () => {
    const res = await callRoute(addNote, { path: `/api/admin/bookings/${future.id}/notes`, params: { id: future.id }, body: { text: "Guest asked for a late check-in." }, headers: { cookie: staff.cookie, origin: TEST_ORIGIN } });
    expect(res.status).toBe(201);
    const detail = await getBookingDetail({ bookingId: future.id });
    expect(detail.notes).toEqual([expect.objectContaining({ by: staff.user.email, text: "Guest asked for a late check-in." })]);
    expect(detail.history.map((h) => h.what)).toContain("Internal note added");
    const audit = await prisma.auditLog.findMany({ where: { entityId: future.id } });
    expect(audit).toEqual([expect.objectContaining({ actorEmail: staff.user.email, action: "Internal note added", entityType: "Booking", after: { text: "Guest asked for a late check-in." } })]);
  });

  it("refuses an empty note and a note on an unknown booking, changing nothing", async () => {
    const before = await prisma.auditLog.count();
    const empty = await callRoute(addNote, { path: `/api/admin/bookings/${future.id}/notes`, params: { id: future.id }, body: { text: "   " }, headers: { cookie: staff.cookie, origin: TEST_ORIGIN } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues).toEqual([{ path: "text", message: "Write the note first." }]);
    const unknown = await callRoute(addNote, { path: "/api/admin/bookings/nope/notes", params: { id: "nope" }, body: { text: "x" }, headers: { cookie: staff.cookie, origin: TEST_ORIGIN } });
    expect(unknown.status).toBe(404);
    expect(await prisma.auditLog.count()).toBe(before);
  });

  it("keeps audit rows as written: updates and deletes change nothing", async () => {
    const row = await prisma.auditLog.findFirstOrThrow();
    await prisma.$executeRaw`UPDATE "AuditLog" SET "actorEmail" = 'someone-else@example.test'`;
    await prisma.$executeRaw`DELETE FROM "AuditLog"`;
    expect(await prisma.auditLog.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });
});

describe("console board and dashboard", () => {
  it("places bookings and live holds on their units' rows", async () => {
    const board = await getBoard({ from: addDays(today, -3), days: 30 });
    const a = board.rows.find((r) => r.unitId === unitA.id)!;
    // The cancelled booking, the past one and anything outside the 30 days are left out.
    expect(a.items.map((i) => [i.kind, i.start, i.end])).toEqual([
      ["booking", today, addDays(today, 3)],
      ["hold", addDays(today, 20), addDays(today, 22)],
    ]);
    const b = board.rows.find((r) => r.unitId === unitB.id)!;
    expect(b.items.map((i) => [i.kind, i.id])).toEqual([["booking", leaving.id]]);
  });

  it("counts today's arrivals and departures and the units occupied tonight", async () => {
    const d = await getDashboard();
    expect(d.arrivals.map((m) => m.bookingId)).toEqual([arriving.id]);
    expect(d.departures.map((m) => m.bookingId)).toEqual([leaving.id]);
    expect(d.inHouse).toBe(1);
    expect(d.liveHolds).toBe(1);
    expect(d.months).toHaveLength(13);
  });
});

describe("console blocks", () => {
  it("blocks nights with an audit row, refuses them over a booking, and shows them on the board", async () => {
    const { POST: postBlock } = await import("@/app/api/admin/blocks/route");
    const start = addDays(today, 70);
    const ok = await callRoute(postBlock, { path: "/api/admin/blocks", body: { unitId: unitA.id, start, end: addDays(start, 3), reason: "Roof repair" }, headers: { cookie: staff.cookie, origin: TEST_ORIGIN } });
    expect(ok.status).toBe(201);
    expect((await prisma.auditLog.findFirstOrThrow({ where: { entityId: ok.body.id } })).action).toBe("Nights blocked");
    const board = await getBoard({ from: start, days: 5 });
    expect(board.rows.find((r) => r.unitId === unitA.id)!.items).toEqual([{ kind: "block", id: ok.body.id, start, end: addDays(start, 3), label: "Blocked: Roof repair", imported: false }]);
    // The future booking on unit B takes days 40-47: a block over it is refused, naming it.
    const over = await callRoute(postBlock, { path: "/api/admin/blocks", body: { unitId: unitB.id, start: addDays(today, 44), end: addDays(today, 50) }, headers: { cookie: staff.cookie, origin: TEST_ORIGIN } });
    expect(over.status).toBe(409);
    expect(over.body.error.message).toContain(`booking ${future.id}`);
  });

  it("lets exactly one of a block and a guest's hold take the same nights when they race", async () => {
    const { POST: postBlock } = await import("@/app/api/admin/blocks/route");
    const { POST: postHold } = await import("@/app/api/v1/holds/route");
    const { createRatePlan } = await import("../support/factories");
    const { bearer } = await import("../support/call-route");
    const { TEST_SERVICE_API_KEY } = await import("../support/test-env");
    for (let round = 0; round < 5; round++) {
      const unit = await createUnit();
      await createRatePlan({ unitId: unit.id, nightly: 10_000 });
      const start = addDays(today, 90 + round);
      const [block, hold] = await Promise.all([
        callRoute(postBlock, { path: "/api/admin/blocks", body: { unitId: unit.id, start, end: addDays(start, 2) }, headers: { cookie: staff.cookie, origin: TEST_ORIGIN } }),
        callRoute(postHold, { path: "/api/v1/holds", body: { unitId: unit.id, checkIn: start, checkOut: addDays(start, 2), guests: 1 }, headers: bearer(TEST_SERVICE_API_KEY) }),
      ]);
      expect([block.status, hold.status].filter((s) => s === 201), `round ${round}: block ${block.status}, hold ${hold.status}`).toHaveLength(1);
      const taken = (await prisma.block.count({ where: { unitId: unit.id } })) + (await prisma.hold.count({ where: { unitId: unit.id, status: "ACTIVE" } }));
      expect(taken).toBe(1);
    }
  });
});
