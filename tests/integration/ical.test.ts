import { beforeAll, describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { GET } from "@/app/api/v1/units/[id]/ical.ics/route";
import { now } from "@/lib/clock";
import { addDays, todayIn } from "@/lib/dates";
import { prisma } from "@/lib/server/db/client";
import { callRoute } from "../support/call-route";
import { createBooking, createCustomer, createUnit } from "../support/factories";
import { NEXT_YEAR, firstWeekdayOnOrAfter } from "../support/dates";

// The feed is parsed with ical.js, an implementation independent of ical-generator.

const GUEST = { firstName: "Marguerite", lastName: "Okonkwo-Vance", email: "marguerite.ov@example.test", phone: "+1 239 555 0147" };

function parseFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((c) => ({ component: c, event: new ICAL.Event(c) }));
  return { calendar, events };
}

async function feed(ref: string, headers?: Record<string, string>) {
  return callRoute(GET, { path: `/api/v1/units/${ref}/ical.ics`, params: { id: ref }, headers });
}

let unit: { id: string; slug: string; name: string };
let dstBookingId: string;
let today: string;

// A stay across the start of US daylight saving time next year (the second Sunday of March):
// check-in on the Friday before (EST, UTC-5), check-out on the Tuesday after (EDT, UTC-4).
const dstSunday = firstWeekdayOnOrAfter(`${NEXT_YEAR}-03-08`, 0);
const dstCheckIn = addDays(dstSunday, -2);
const dstCheckOut = addDays(dstSunday, 2);
const compact = (date: string) => date.replaceAll("-", "");

beforeAll(async () => {
  unit = await createUnit({ name: "Cottage Essex" });
  const guest = await createCustomer(GUEST);
  today = todayIn("America/New_York", now());
  dstBookingId = (await createBooking({ unitId: unit.id, checkIn: dstCheckIn, checkOut: dstCheckOut, customerId: guest.id })).id;
});

describe("GET /api/v1/units/[id]/ical.ics", () => {
  it("lists a confirmed booking with a stable UID, UTC times across DST, the summary, and no guest data", async () => {
    const res = await feed(unit.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    expect(res.headers.get("x-request-id")).toBeTruthy();

    const { calendar, events } = parseFeed(res.text);
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Palm Aire Court — Cottage Essex");
    expect(String(calendar.getFirstPropertyValue("prodid"))).toContain("Palm Aire Court");
    expect(events).toHaveLength(1);
    const { event, component } = events[0]!;
    expect(event.uid).toBe(dstBookingId);
    expect(event.summary).toBe("Palm Aire Court — Cottage Essex");
    expect(event.startDate.zone?.tzid).toBe("UTC");
    expect(event.endDate.zone?.tzid).toBe("UTC");
    expect(event.startDate.toJSDate().toISOString()).toBe(`${dstCheckIn}T20:00:00.000Z`); // 15:00 EST
    expect(event.endDate.toJSDate().toISOString()).toBe(`${dstCheckOut}T15:00:00.000Z`); // 11:00 EDT
    expect(component.getFirstPropertyValue("dtstamp")).toBeTruthy();
    expect(res.text).toMatch(new RegExp(`^DTSTART:${compact(dstCheckIn)}T200000Z\r$`, "m"));
    expect(res.text).toMatch(new RegExp(`^DTEND:${compact(dstCheckOut)}T150000Z\r$`, "m"));

    // Nothing about the guest, anywhere in the text.
    const lower = res.text.toLowerCase();
    for (const pii of [GUEST.firstName, GUEST.lastName, GUEST.email, "555 0147", "5550147", "example.test"]) {
      expect(lower).not.toContain(pii.toLowerCase());
    }
    for (const prop of ["attendee", "organizer", "description", "location", "contact"]) {
      expect(component.getFirstProperty(prop)).toBeNull();
    }
  });

  it("is the same feed on every fetch and answers If-None-Match with 304", async () => {
    const first = await feed(unit.id);
    const second = await feed(unit.id);
    expect(second.text).toBe(first.text);
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    const cached = await feed(unit.id, { "if-none-match": etag! });
    expect(cached.status).toBe(304);
    expect(cached.text).toBe("");
  });

  it("resolves the unit by slug, and answers 404 for an unknown or inactive unit", async () => {
    const bySlug = await feed(unit.slug);
    expect(bySlug.status).toBe(200);
    expect(parseFeed(bySlug.text).events.map((e) => e.event.uid)).toEqual([dstBookingId]);

    const unknown = await feed("no-such-unit");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("NOT_FOUND");
    expect(unknown.body.error.requestId).toBe(unknown.headers.get("x-request-id"));

    const inactive = await createUnit({ active: false });
    expect((await feed(inactive.id)).status).toBe(404);

    const invalid = await feed("bad id!");
    expect(invalid.status).toBe(400);
  });

  it("drops a cancelled booking from the next fetch", async () => {
    const other = await createUnit({ name: "Trailer 02" });
    const keep = await createBooking({ unitId: other.id, checkIn: `${NEXT_YEAR}-01-10`, checkOut: `${NEXT_YEAR}-01-17` });
    const cancel = await createBooking({ unitId: other.id, checkIn: `${NEXT_YEAR}-02-01`, checkOut: `${NEXT_YEAR}-02-05` });
    const before = parseFeed((await feed(other.id)).text).events.map((e) => e.event.uid);
    expect(before).toEqual([keep.id, cancel.id]);

    await prisma.booking.update({ where: { id: cancel.id }, data: { status: "CANCELLED", cancelledAt: new Date() } });
    const afterRes = await feed(other.id);
    expect(parseFeed(afterRes.text).events.map((e) => e.event.uid)).toEqual([keep.id]);
  });

  it("keeps other units' bookings out and leaves out stays that ended over a year ago", async () => {
    const unitA = await createUnit();
    const unitB = await createUnit();
    const recent = await createBooking({ unitId: unitA.id, checkIn: addDays(today, -40), checkOut: addDays(today, -30) });
    await createBooking({ unitId: unitA.id, checkIn: addDays(today, -410), checkOut: addDays(today, -400) });
    await createBooking({ unitId: unitB.id, checkIn: addDays(today, 10), checkOut: addDays(today, 12) });
    const uids = parseFeed((await feed(unitA.id)).text).events.map((e) => e.event.uid);
    expect(uids).toEqual([recent.id]);
  });

  it("is readable from any origin", async () => {
    const res = await feed(unit.id, { origin: "https://calendar.example.org" });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("returns an empty but valid calendar for a unit without bookings", async () => {
    const empty = await createUnit({ name: "RV 03" });
    const res = await feed(empty.slug);
    expect(res.status).toBe(200);
    const { calendar, events } = parseFeed(res.text);
    expect(events).toHaveLength(0);
    expect(calendar.name).toBe("vcalendar");
  });
});
