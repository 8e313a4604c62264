// Must be first: starts the Stripe emulator and points the app at it before the env is read.
import { emulator } from "../support/stripe";
import { MAX_BODY_BYTES } from "@/lib/server/http/define-route";
import { STRIPE_WEBHOOK_MAX_BODY_BYTES } from "@/lib/api/schemas/stripe-webhook";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRoutes } from "@/lib/openapi/all-routes";
import { buildOpenApiDocument } from "@/lib/openapi/build-document";
import { createSchemaChecker, describeErrors } from "@/tests/support/contract";
import type { ExampleRequest, RouteDoc, RouteExample } from "@/lib/openapi/types";
import { prisma } from "@/lib/server/db/client";
import { createExportToken } from "@/lib/server/channels/export-tokens";
import { createHold, seed } from "../support/factories";
import { NEXT_YEAR, earliestYear, shiftDates } from "../support/dates";
import { startAppServer, type AppServer } from "../support/app-server";
import { TEST_OWNER_API_KEY, TEST_SERVICE_API_KEY, TEST_WEBHOOK_SECRET } from "../support/test-env";

// Contract test: every documented example request is sent over HTTP to the running app (the real
// route handlers, wrapper and database behind tests/support/app-server.ts) and the answer must
// have the documented status and validate against the documented schema for that status. Then
// the generic answers the document promises (401 without the key, 413 over 16 KB, 400 for bad
// JSON) are provoked on every route that documents them.

const doc = buildOpenApiDocument() as unknown as Record<string, unknown>;

// The committed document carries fixed illustrative stay dates (so it is the same file on every
// day); the requests sent here move them by whole years, the earliest into next year, so every
// stay is in the future whenever the test runs. Month and day stay, so seasons do too.
const exampleYearShift = NEXT_YEAR - (earliestYear(allRoutes.map((r) => r.examples.map((e) => e.request ?? {}))) ?? NEXT_YEAR);
const check = createSchemaChecker(doc);
const stripe = new Stripe("sk_test_contract");
let server: AppServer;

interface Sent {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

function urlOf(route: RouteDoc, request: ExampleRequest = {}): string {
  const p = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(request.params?.[name] ?? "missing"));
  const qs = new URLSearchParams(request.query ?? {}).toString();
  return `${server.url}/api/v1${p}${qs ? `?${qs}` : ""}`;
}

async function send(route: RouteDoc, request: ExampleRequest = {}, options: { auth?: string | null; rawBody?: string } = {}): Promise<Sent> {
  const headers: Record<string, string> = { ...request.headers };
  const keyOf = { bearer: TEST_SERVICE_API_KEY, bearerOrOwner: TEST_SERVICE_API_KEY, owner: TEST_OWNER_API_KEY } as Record<string, string>;
  const auth = options.auth === undefined ? (keyOf[route.security] ?? null) : options.auth;
  if (auth) headers.authorization = `Bearer ${auth}`;
  const body = options.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(urlOf(route, request), { method: route.method.toUpperCase(), headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // text/calendar
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

function expectDocumented(route: RouteDoc, res: Sent, label: string) {
  expect(res.headers.get("x-request-id"), `${label}: X-Request-Id`).toBeTruthy();
  const success = res.status === route.response.status || route.alsoResponds?.some((a) => a.status === res.status);
  if (success && route.response.mediaType === "text/calendar") {
    expect(res.headers.get("content-type")).toContain("text/calendar");
    expect(res.text.startsWith("BEGIN:VCALENDAR")).toBe(true);
    return;
  }
  expect(res.headers.get("content-type"), label).toContain("application/json");
  const validate = check.response(route, res.status);
  expect(validate(res.body), `${label}: ${describeErrors(validate)}\n${res.text}`).toBe(true);
}

// --- binding run-time values into example requests ---------------------------------------------

const results = new Map<string, unknown>();

async function fixture(name: string, request: ExampleRequest): Promise<unknown> {
  switch (name) {
    case "expiredHoldId": {
      const view = await prisma.unit.findUniqueOrThrow({ where: { slug: "view" } });
      const hold = await createHold({ unitId: view.id, checkIn: `${NEXT_YEAR}-03-01`, checkOut: `${NEXT_YEAR}-03-05`, expiresAt: new Date(Date.now() - 60_000) });
      return hold.id;
    }
    case "bookingId": {
      const holdId = (results.get("createHold.created") as { holdId: string }).holdId;
      const booking = await prisma.booking.findFirstOrThrow({ where: { holdId } });
      return booking.id;
    }
    case "exportToken": {
      const made = await createExportToken({ unit: "essex", channel: "airbnb" });
      return `${made.token}.ics`;
    }
    case "bookingCode": {
      const holdId = (results.get("createHold.created") as { holdId: string }).holdId;
      return (await prisma.booking.findFirstOrThrow({ where: { holdId } })).code;
    }
    case "stripeSignature":
      return stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(request.body), secret: TEST_WEBHOOK_SECRET });
    default:
      throw new Error(`unknown fixture ${name}`);
  }
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown) {
  const [head, ...rest] = dotted.split(".");
  // Header names contain dots never, but body paths do: walk object keys.
  let node = target as Record<string, unknown>;
  const keys = [head!, ...rest];
  if (keys[0] === "headers") keys.splice(1, keys.length - 1, keys.slice(1).join("."));
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

async function bound(example: RouteExample): Promise<ExampleRequest> {
  const request = shiftDates(structuredClone(example.request ?? {}), exampleYearShift) as Record<string, unknown>;
  // Signatures are computed last, over the final body.
  const entries = Object.entries(example.bind ?? {}).sort(([, a], [, b]) => Number(a === "fixture:stripeSignature") - Number(b === "fixture:stripeSignature"));
  for (const [target, source] of entries) {
    let value: unknown;
    if (source.startsWith("fixture:")) value = await fixture(source.slice("fixture:".length), request as ExampleRequest);
    else {
      const [exampleId, field] = source.split(":");
      const answer = results.get(exampleId!) as Record<string, unknown> | undefined;
      if (!answer) throw new Error(`${source}: example ${exampleId} has not run`);
      value = answer[field!];
    }
    setPath(request, target, value);
  }
  return request as ExampleRequest;
}

/** The examples in document order, each after the one it names in `after`. */
function ordered(): Array<{ route: RouteDoc; example: RouteExample; id: string }> {
  const pending = allRoutes.flatMap((route) =>
    route.examples.filter((e) => e.request).map((example) => ({ route, example, id: `${route.operationId}.${example.name}` })),
  );
  const out: typeof pending = [];
  const done = new Set<string>();
  while (pending.length) {
    const index = pending.findIndex((p) => !p.example.after || done.has(p.example.after));
    if (index < 0) throw new Error(`unsatisfiable "after": ${pending.map((p) => p.id).join(", ")}`);
    const [next] = pending.splice(index, 1);
    out.push(next!);
    done.add(next!.id);
  }
  return out;
}

beforeAll(async () => {
  await seed();
  server = await startAppServer();
  emulator.setWebhookUrl(`${server.url}/api/v1/webhooks/stripe`);
});

afterAll(async () => {
  await server?.close();
});

describe("contract: documented examples against the running app", () => {
  const examples = ordered();

  it("covers every route in the document with at least one successful example", () => {
    for (const route of allRoutes) {
      expect(
        route.examples.some((e) => e.request && e.status === route.response.status),
        `${route.operationId} has no callable success example`,
      ).toBe(true);
    }
  });

  // Sequential on purpose: later examples use what earlier ones created (hold → checkout → webhook → cancel).
  for (const { route, example, id } of examples) {
    it(`${route.method.toUpperCase()} ${route.path} — ${example.name} → ${example.status}`, async () => {
      const request = await bound(example);
      const res = await send(route, request);
      expect(res.status, `${id}: ${res.text}`).toBe(example.status);
      expectDocumented(route, res, id);
      if (example.status >= 400) {
        // The documented error code and the fields named in its issues are the real ones.
        const documented = (example.response as { error: { code: string; issues?: { path: string }[] } }).error;
        const actual = (res.body as { error: { code: string; issues?: { path: string }[] } }).error;
        expect(actual.code, id).toBe(documented.code);
        expect(actual.issues?.map((i) => i.path), id).toEqual(documented.issues?.map((i) => i.path));
      } else if (route.response.mediaType === "application/json") {
        // Same top-level fields as the documented example (values differ: ids, times).
        expect(Object.keys(res.body as object).sort(), id).toEqual(expect.arrayContaining(Object.keys(example.response as object).sort()));
      }
      results.set(id, res.body);
    });
  }

  it("the example flow really booked and then cancelled the held nights", async () => {
    const holdId = (results.get("createHold.created") as { holdId: string }).holdId;
    const hold = await prisma.hold.findUniqueOrThrow({ where: { id: holdId }, include: { booking: true } });
    expect(hold.status).toBe("CONVERTED");
    expect(hold.booking?.status).toBe("CANCELLED");
    expect(emulator.paymentIntents().some((pi) => pi.metadata.holdId === holdId)).toBe(true);
  });
});

describe("contract: generic answers promised by the document", () => {
  const firstSuccess = (route: RouteDoc) => route.examples.find((e) => e.request && e.status === route.response.status)!;

  for (const route of allRoutes.filter((r) => r.errors.includes(401))) {
    it(`${route.method.toUpperCase()} ${route.path} answers 401 without or with a wrong bearer key`, async () => {
      for (const auth of [null, "not-the-key"]) {
        const res = await send(route, firstSuccess(route).request, { auth });
        expect(res.status).toBe(401);
        expectDocumented(route, res, `${route.operationId} 401`);
        expect((res.body as { error: { code: string } }).error.code).toBe("UNAUTHORIZED");
      }
    });
  }

  for (const route of allRoutes.filter((r) => r.errors.includes(413))) {
    it(`${route.method.toUpperCase()} ${route.path} answers 413 to a body over its limit`, async () => {
      const limit = route.security === "stripeSignature" ? STRIPE_WEBHOOK_MAX_BODY_BYTES : MAX_BODY_BYTES;
      const rawBody = JSON.stringify({ padding: "x".repeat(limit + 1024) });
      const res = await send(route, { headers: firstSuccess(route).request?.headers }, { rawBody });
      expect(res.status).toBe(413);
      expectDocumented(route, res, `${route.operationId} 413`);
    });
  }

  for (const route of allRoutes.filter((r) => r.request.body && r.security !== "stripeSignature" && r.errors.includes(400))) {
    it(`${route.method.toUpperCase()} ${route.path} answers 400 INVALID_JSON to a body that is not JSON`, async () => {
      const res = await send(route, {}, { rawBody: "{not json" });
      expect(res.status).toBe(400);
      expectDocumented(route, res, `${route.operationId} 400`);
      expect((res.body as { error: { code: string } }).error.code).toBe("INVALID_JSON");
    });
  }

  it("answers 400 with issues for an unknown field, in the documented shape", async () => {
    const quote = allRoutes.find((r) => r.operationId === "getQuote")!;
    const res = await send(quote, { body: { unitId: "essex", checkIn: `${NEXT_YEAR}-01-10`, checkOut: `${NEXT_YEAR}-01-20`, children: 2 } });
    expect(res.status).toBe(400);
    expectDocumented(quote, res, "quote unknown field");
    expect((res.body as { error: { issues: unknown[] } }).error.issues).toEqual([{ path: "children", message: "Unknown field: children." }]);
  });
});
