import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as holds from "@/app/api/v1/holds/route";
import { GET as listUnits } from "@/app/api/v1/units/route";
import { onLogLine } from "@/lib/server/logger";
import { prisma } from "@/lib/server/db/client";
import { bearer, callRoute } from "../support/call-route";
import { seed } from "../support/factories";
import { TEST_ORIGIN, TEST_SERVICE_API_KEY } from "../support/test-env";
import { NEXT_YEAR } from "../support/dates";

// Stays fall in the next calendar year (Y), always in the future on any day the suite runs.
const Y = NEXT_YEAR;

// What the access log says and, above all, what it never says. Lines are read exactly as the
// logger writes them (onLogLine), at the production level "info".
vi.hoisted(() => {
  process.env.LOG_LEVEL = "info";
});

const GUEST = {
  firstName: "Marguerite",
  lastName: "Okonkwo-Vance",
  email: "Marguerite.OV@example.test",
  phone: "+1 (239) 555-0147",
};
/** Every fragment of the guest's data or the key that must never be in a log line. */
const SECRETS = [
  "Marguerite",
  "Okonkwo",
  "marguerite.ov",
  "example.test",
  "555-0147",
  "other.guest",
  "5550147",
  "0147",
  TEST_SERVICE_API_KEY,
  TEST_SERVICE_API_KEY.slice(0, 16),
];

let lines: string[] = [];
let stop: (() => void) | undefined;
function capture() {
  lines = [];
  stop = onLogLine((line) => lines.push(line));
}
afterEach(() => {
  stop?.();
  stop = undefined;
});

function entries(): Array<Record<string, any>> {
  return lines.map((line) => JSON.parse(line));
}

function expectNoSecrets() {
  const all = lines.join("\n").toLowerCase();
  for (const secret of SECRETS) expect(all, `log contains ${secret}`).not.toContain(secret.toLowerCase());
}

let stayIndex = 0;
function stay() {
  const day = 10 + stayIndex++ * 3;
  return { checkIn: `${Y}-08-${String(day).padStart(2, "0")}`, checkOut: `${Y}-08-${String(day + 2).padStart(2, "0")}` };
}

beforeAll(async () => {
  await seed();
});

describe("the access log", () => {
  it("writes one JSON line per call with requestId, method, route, status and durationMs", async () => {
    capture();
    const res = await callRoute(listUnits, { path: "/api/v1/units" });
    expect(res.status).toBe(200);
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const mine = entries().filter((e) => e.requestId === requestId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ level: "info", requestId, method: "GET", route: "/api/v1/units", status: 200, msg: "request" });
    expect(mine[0]!.durationMs).toEqual(expect.any(Number));
    expect(mine[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(lines.every((l) => l.endsWith("\n"))).toBe(true);
  });

  it("keeps a sane X-Request-Id from the caller and returns it; replaces an unsafe one", async () => {
    capture();
    const kept = await callRoute(listUnits, { path: "/api/v1/units", headers: { "x-request-id": "n8n-exec-4711:step-3" } });
    expect(kept.headers.get("x-request-id")).toBe("n8n-exec-4711:step-3");
    const replaced = await callRoute(listUnits, { path: "/api/v1/units", headers: { "x-request-id": "evil id with spaces" } });
    expect(replaced.headers.get("x-request-id")).not.toContain("evil");
    const tooLong = await callRoute(listUnits, { path: "/api/v1/units", headers: { "x-request-id": "a".repeat(200) } });
    expect(tooLong.headers.get("x-request-id")).toHaveLength(36);
    expect(entries().map((e) => e.requestId)).toEqual([
      "n8n-exec-4711:step-3",
      replaced.headers.get("x-request-id"),
      tooLong.headers.get("x-request-id"),
    ]);
  });

  it("a private call with the guest's email, phone and names and a bearer key logs none of them", async () => {
    capture();
    const res = await callRoute(holds.POST, {
      path: "/api/v1/holds",
      body: { unitId: "essex", ...stay(), guests: 2, customer: GUEST },
      headers: { ...bearer(TEST_SERVICE_API_KEY), origin: TEST_ORIGIN },
    });
    expect(res.status, res.text).toBe(201);
    const [entry] = entries().filter((e) => e.requestId === res.headers.get("x-request-id"));
    expect(entry).toMatchObject({ method: "POST", route: "/api/v1/holds", status: 201 });
    expectNoSecrets();
  });

  it("a refused call (bad key, invalid body full of personal data) logs its code and no personal data", async () => {
    capture();
    const unauthorized = await callRoute(holds.POST, {
      path: "/api/v1/holds",
      body: { unitId: "essex", ...stay(), guests: 2, customer: GUEST },
      headers: { authorization: `Bearer ${TEST_SERVICE_API_KEY.slice(0, 20)}x` },
    });
    expect(unauthorized.status).toBe(401);
    const invalid = await callRoute(holds.POST, {
      path: "/api/v1/holds",
      body: { unitId: "essex", ...stay(), guests: 2, customer: { ...GUEST, email: `${GUEST.firstName} ${GUEST.phone}` } },
      headers: bearer(TEST_SERVICE_API_KEY),
    });
    expect(invalid.status).toBe(400);
    expect(entries().map((e) => [e.status, e.code])).toEqual([
      [401, "UNAUTHORIZED"],
      [400, "VALIDATION_FAILED"],
    ]);
    expectNoSecrets();
  });

  it("logs CORS preflights too", async () => {
    capture();
    const res = await holds.OPTIONS(
      new Request("http://localhost:3000/api/v1/holds", { method: "OPTIONS", headers: { origin: "https://evil.example" } }),
    );
    expect(res.status).toBe(403);
    expect(entries()).toEqual([
      expect.objectContaining({ requestId: res.headers.get("x-request-id"), method: "OPTIONS", status: 403 }),
    ]);
  });
});

describe("an unexpected failure", () => {
  it("answers 500 with only code, message and requestId, and logs the stack without the guest's data", async () => {
    // A constraint this test adds to its own database makes the guest's row fail to insert, so
    // PostgreSQL's error (which quotes the failing row) passes through the app's error path.
    await prisma.$executeRawUnsafe(`ALTER TABLE "Customer" ADD CONSTRAINT test_reject_guest CHECK (email <> 'other.guest@example.test')`);
    capture();
    let res;
    try {
      res = await callRoute(holds.POST, {
        path: "/api/v1/holds",
        body: { unitId: "essex", ...stay(), guests: 2, customer: { ...GUEST, email: "other.guest@example.test" } },
        headers: { ...bearer(TEST_SERVICE_API_KEY), "x-request-id": "failing-request-0001" },
      });
    } finally {
      await prisma.$executeRawUnsafe(`ALTER TABLE "Customer" DROP CONSTRAINT test_reject_guest`);
    }
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: {
        code: "INTERNAL",
        message: "Something went wrong on our side. Quote the requestId if you contact us.",
        requestId: "failing-request-0001",
      },
    });
    const errorLines = entries().filter((e) => e.requestId === "failing-request-0001");
    expect(errorLines).toHaveLength(1);
    const [entry] = errorLines;
    expect(entry).toMatchObject({ level: "error", status: 500, route: "/api/v1/holds", method: "POST" });
    expect(entry!.err.stack).toEqual(expect.any(String));
    expect(JSON.stringify(entry!.err)).toMatch(/test_reject_guest|check/i);
    expectNoSecrets();
  });
});
