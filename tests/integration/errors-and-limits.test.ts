import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as quote } from "@/app/api/v1/quote/route";
import { MAX_BODY_BYTES } from "@/lib/server/http/define-route";
import { onLogLine } from "@/lib/server/logger";
import { prisma } from "@/lib/server/db/client";
import { callRoute } from "../support/call-route";
import { seed } from "../support/factories";
import { NEXT_YEAR } from "../support/dates";

// Stays fall in the next calendar year (Y), always in the future on any day the suite runs.
const Y = NEXT_YEAR;

// The wrapper's promises for every route: 413 over 16 KB however the body arrives, 500 with
// nothing but the standard shape for an unexpected failure, and the Node runtime everywhere.

const stay = { unitId: "essex", checkIn: `${Y}-01-10`, checkOut: `${Y}-01-17` };

beforeAll(async () => {
  await seed();
});

let restore: (() => Promise<void>) | undefined;
afterEach(async () => {
  await restore?.();
  restore = undefined;
});

function streamOf(bytes: Uint8Array, chunk = 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + chunk));
      offset += chunk;
    },
  });
}

async function postStream(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const request = new Request("http://localhost:3000/api/v1/quote", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
  const res = await quote(request);
  return { status: res.status, headers: res.headers, body: await res.json() };
}

function oversized(): string {
  // Valid JSON, 17 KB: only the size is wrong with it.
  return JSON.stringify({ ...stay, padding: "x".repeat(17 * 1024) });
}

describe("request bodies over 16 KB", () => {
  it("a quote within the limit still works", async () => {
    const res = await callRoute(quote, { path: "/api/v1/quote", body: stay });
    expect(res.status).toBe(200);
  });

  it("refuses a 17 KB body with Content-Length: 413 in the standard shape", async () => {
    const raw = oversized();
    expect(Buffer.byteLength(raw)).toBeGreaterThan(MAX_BODY_BYTES);
    const res = await callRoute(quote, { path: "/api/v1/quote", rawBody: raw, headers: { "content-length": String(Buffer.byteLength(raw)) } });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      error: { code: "PAYLOAD_TOO_LARGE", message: expect.any(String), requestId: res.headers.get("x-request-id") },
    });
  });

  it("refuses a streamed 17 KB body without Content-Length", async () => {
    const res = await postStream(streamOf(new TextEncoder().encode(oversized())));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses a streamed 17 KB body whose Content-Length claims it is small", async () => {
    const res = await postStream(streamOf(new TextEncoder().encode(oversized())), { "content-length": "100" });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("stops reading an endless stream at the limit", async () => {
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 4096;
        controller.enqueue(new Uint8Array(4096).fill(0x20));
      },
    });
    const res = await postStream(endless);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(64 * 1024);
  });

  it("accepts a body of exactly 16 KB (then judges its content)", async () => {
    const base = JSON.stringify({ ...stay, padding: "" });
    const exact = JSON.stringify({ ...stay, padding: "x".repeat(MAX_BODY_BYTES - Buffer.byteLength(base)) });
    expect(Buffer.byteLength(exact)).toBe(MAX_BODY_BYTES);
    const res = await callRoute(quote, { path: "/api/v1/quote", rawBody: exact });
    expect(res.status).toBe(400); // unknown field "padding", not 413
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
  });
});

describe("unexpected failures", () => {
  it("become a 500 with only code, message and requestId; the details go to the log", async () => {
    await prisma.$executeRawUnsafe(`ALTER TABLE "Unit" RENAME TO "Unit_moved"`);
    restore = async () => {
      await prisma.$executeRawUnsafe(`ALTER TABLE "Unit_moved" RENAME TO "Unit"`);
    };
    const lines: string[] = [];
    const stop = onLogLine((line) => lines.push(line));
    let res;
    try {
      res = await callRoute(quote, { path: "/api/v1/quote", body: stay, headers: { "x-request-id": "test-500-request-0001" } });
    } finally {
      stop();
    }
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: {
        code: "INTERNAL",
        message: "Something went wrong on our side. Quote the requestId if you contact us.",
        requestId: "test-500-request-0001",
      },
    });
    // Nothing about the cause reaches the caller.
    expect(res.text).not.toMatch(/Unit|prisma|table|stack|at /i);
    expect(res.headers.get("x-request-id")).toBe("test-500-request-0001");

    const entry = lines.map((l) => JSON.parse(l)).find((l) => l.requestId === "test-500-request-0001");
    expect(entry).toMatchObject({ level: "error", status: 500, method: "POST", route: "/api/v1/quote" });
    expect(entry.err.stack).toEqual(expect.any(String));
    expect(JSON.stringify(entry.err)).toMatch(/Unit/);
  });

  it("the route works again once the table is back", async () => {
    const res = await callRoute(quote, { path: "/api/v1/quote", body: stay });
    expect(res.status).toBe(200);
  });

  it("invalid JSON is a 400 in the standard shape, not a 500", async () => {
    const res = await callRoute(quote, { path: "/api/v1/quote", rawBody: "{not json" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("INVALID_JSON");
    expect(res.body.error.requestId).toBe(res.headers.get("x-request-id"));
  });
});

describe("runtime", () => {
  it("every route handler under app/api runs on the Node runtime", () => {
    const root = path.resolve(__dirname, "../../app/api");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name === "route.ts") files.push(full);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(3);
    const missing = files.filter((f) => !/^export const runtime = "nodejs";$/m.test(readFileSync(f, "utf8")));
    expect(missing.map((f) => path.relative(root, f))).toEqual([]);
  });
});
