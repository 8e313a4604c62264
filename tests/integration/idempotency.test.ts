import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { POST as postCancel } from "@/app/api/v1/bookings/cancel/route";
import { addDays, todayIn } from "@/lib/dates";
import { createApiKey } from "@/lib/server/api-keys/create-api-key";
import { prisma } from "@/lib/server/db/client";
import { runDueJobs } from "@/lib/server/jobs/run-due-jobs";
import { bearer, callRoute, type CallResult } from "../support/call-route";
import { createBooking, createRatePlan, createUnit } from "../support/factories";
import { TEST_SERVICE_API_KEY } from "../support/test-env";

// Idempotency-Key on the mutating routes, against real PostgreSQL. Stays are 60+ days after
// today (property time zone), so the file passes on any date; the one test that moves the clock
// fakes only Date, so the app's lib/clock.ts and the hold service both see the new time.

const auth = bearer(TEST_SERVICE_API_KEY);
const DAY_MS = 24 * 60 * 60 * 1000;
let unit: { id: string; slug: string };
let base: string;

beforeAll(async () => {
  unit = await createUnit();
  await createRatePlan({ unitId: unit.id, nightly: 10_000, currency: "USD" });
  base = addDays(todayIn("America/New_York"), 60);
});

afterEach(() => {
  vi.useRealTimers();
});

function hold(body: Record<string, unknown>, key?: string, headers: Record<string, string> = auth): Promise<CallResult> {
  return callRoute(postHold, { path: "/api/v1/holds", body, headers: { ...headers, ...(key ? { "idempotency-key": key } : {}) } });
}

const holdsOn = (checkIn: string) => prisma.hold.count({ where: { unitId: unit.id, checkIn: new Date(`${checkIn}T00:00:00Z`) } });

describe("Idempotency-Key on POST /api/v1/holds", () => {
  it("20 concurrent identical requests with one key place one hold; the rest replay it or get 409", async () => {
    const checkIn = addDays(base, 0);
    const body = { unitId: unit.id, checkIn, checkOut: addDays(checkIn, 3), guests: 2 };
    const results = await Promise.all(Array.from({ length: 20 }, () => hold(body, "race-key-1")));

    const firsts = results.filter((r) => r.status === 201 && r.headers.get("idempotent-replayed") === null);
    const replays = results.filter((r) => r.status === 201 && r.headers.get("idempotent-replayed") === "true");
    const busy = results.filter((r) => r.status === 409);
    expect(firsts).toHaveLength(1);
    expect(replays.length + busy.length).toBe(19);
    for (const r of replays) expect(r.body).toEqual(firsts[0]!.body);
    for (const r of busy) {
      expect(r.body.error.code).toBe("IDEMPOTENCY_IN_PROGRESS");
      expect(r.headers.get("retry-after")).toBe("1");
    }
    expect(await holdsOn(checkIn)).toBe(1);

    // Once the first has finished, a retry always replays it.
    const retry = await hold(body, "race-key-1");
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body.holdId).toBe(firsts[0]!.body.holdId);
    expect(await holdsOn(checkIn)).toBe(1);
  });

  it("replays the same answer when key order and spacing of the body differ", async () => {
    const checkIn = addDays(base, 5);
    const first = await hold({ unitId: unit.id, checkIn, checkOut: addDays(checkIn, 2), guests: 2 }, "order-key");
    const reordered = await callRoute(postHold, {
      path: "/api/v1/holds",
      rawBody: `{ "guests": 2, "checkOut": "${addDays(checkIn, 2)}",  "checkIn": "${checkIn}", "unitId": "${unit.id}" }`,
      headers: { ...auth, "content-type": "application/json", "idempotency-key": "order-key" },
    });
    expect(first.status).toBe(201);
    expect(reordered.status).toBe(201);
    expect(reordered.headers.get("idempotent-replayed")).toBe("true");
    expect(reordered.body.holdId).toBe(first.body.holdId);
  });

  it("answers 422 for the same key with a different body, and changes nothing", async () => {
    const checkIn = addDays(base, 10);
    const first = await hold({ unitId: unit.id, checkIn, checkOut: addDays(checkIn, 2), guests: 2 }, "reuse-key");
    expect(first.status).toBe(201);
    const other = await hold({ unitId: unit.id, checkIn: addDays(checkIn, 4), checkOut: addDays(checkIn, 6), guests: 2 }, "reuse-key");
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(other.body.error.message).toBe(
      "This request key was already used for a different request. Send a new Idempotency-Key with each new request.",
    );
    expect(await holdsOn(addDays(checkIn, 4))).toBe(0);
  });

  it("replays a refusal too: the same request refused once is refused the same way", async () => {
    const checkIn = addDays(base, 15);
    await hold({ unitId: unit.id, checkIn, checkOut: addDays(checkIn, 2), guests: 2 });
    const body = { unitId: unit.id, checkIn, checkOut: addDays(checkIn, 1), guests: 2 };
    const refused = await hold(body, "refused-key");
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("UNAVAILABLE");
    const again = await hold(body, "refused-key");
    expect(again.status).toBe(409);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.body).toEqual(refused.body);
  });

  it("does not store a request that failed validation: the key stays free for the corrected request", async () => {
    const checkIn = addDays(base, 20);
    const bad = await hold({ unitId: unit.id, checkIn, checkOut: checkIn, guests: 2 }, "fix-key");
    expect(bad.status).toBe(400);
    const good = await hold({ unitId: unit.id, checkIn, checkOut: addDays(checkIn, 1), guests: 2 }, "fix-key");
    expect(good.status).toBe(201);
    expect(good.headers.get("idempotent-replayed")).toBeNull();
  });

  it("answers 400 for a malformed key", async () => {
    const checkIn = addDays(base, 25);
    for (const key of ["has space", "x".repeat(256), "tab\there"]) {
      const res = await hold({ unitId: unit.id, checkIn, checkOut: addDays(checkIn, 1), guests: 2 }, key);
      expect(res.status).toBe(400);
      expect(res.body.error.issues).toEqual([
        { path: "Idempotency-Key", message: "The Idempotency-Key header must be 1 to 255 visible characters, for example a UUID." },
      ]);
    }
    expect(await holdsOn(checkIn)).toBe(0);
  });

  it("keeps keys apart per caller: a named API key's key does not replay the service key's answer", async () => {
    const { key } = await createApiKey(prisma, { name: "idem-agent" });
    const checkIn = addDays(base, 30);
    const body = { unitId: unit.id, checkIn, checkOut: addDays(checkIn, 2), guests: 2 };
    const mine = await hold(body, "shared-key");
    expect(mine.status).toBe(201);
    // The agent's request runs for real, and finds the nights taken by the service's hold.
    const theirs = await hold(body, "shared-key", bearer(key));
    expect(theirs.status).toBe(409);
    expect(theirs.body.error.code).toBe("UNAVAILABLE");
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
  });

  it("treats the same key after 24 hours as a fresh request", async () => {
    const checkIn = addDays(base, 35);
    const body = { unitId: unit.id, checkIn, checkOut: addDays(checkIn, 2), guests: 2, ttlMinutes: 5 };
    const first = await hold(body, "day-old-key");
    expect(first.status).toBe(201);

    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 23 * 60 * 60 * 1000);
    const sameDay = await hold(body, "day-old-key");
    expect(sameDay.headers.get("idempotent-replayed")).toBe("true");
    expect(sameDay.body.holdId).toBe(first.body.holdId);

    vi.setSystemTime(Date.now() + 60 * 60 * 1000 + 1000);
    // 24 h and 1 s after the first: the 5-minute hold has lapsed, so the fresh request holds again.
    const later = await hold(body, "day-old-key");
    expect(later.status).toBe(201);
    expect(later.headers.get("idempotent-replayed")).toBeNull();
    expect(later.body.holdId).not.toBe(first.body.holdId);
  });
});

describe("Idempotency-Key on POST /api/v1/bookings/cancel", () => {
  it("replays the first cancellation's answer instead of answering 'already cancelled'", async () => {
    const booking = await createBooking({ unitId: unit.id, checkIn: addDays(base, 100), checkOut: addDays(base, 102) });
    const send = () =>
      callRoute(postCancel, {
        path: "/api/v1/bookings/cancel",
        body: { bookingId: booking.id, reason: "Plans changed" },
        headers: { ...auth, "idempotency-key": "cancel-1" },
      });
    const first = await send();
    expect(first.status).toBe(200);
    expect(first.body.changed).toBe(true);
    const retry = await send();
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
  });
});

describe("the clean-up job", () => {
  it("deletes stored answers older than 24 hours and keeps the rest", async () => {
    const before = await prisma.idempotencyRecord.count();
    expect(before).toBeGreaterThan(0);
    const none = await runDueJobs({ only: ["delete-expired-idempotency-keys"] });
    expect(none).toEqual({ "delete-expired-idempotency-keys": { deleted: 0 } });
    const later = await runDueJobs({ now: new Date(Date.now() + 3 * DAY_MS), only: ["delete-expired-idempotency-keys"] });
    expect(later).toEqual({ "delete-expired-idempotency-keys": { deleted: before } });
    expect(await prisma.idempotencyRecord.count()).toBe(0);
  });
});
