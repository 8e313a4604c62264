import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as postHold } from "@/app/api/v1/holds/route";
import { addDays, todayIn } from "@/lib/dates";
import { createApiKey } from "@/lib/server/api-keys/create-api-key";
import { listApiKeys } from "@/lib/server/api-keys/list-api-keys";
import { revokeApiKey } from "@/lib/server/api-keys/revoke-api-key";
import { prisma } from "@/lib/server/db/client";
import { bearer, callRoute } from "../support/call-route";
import { createRatePlan, createUnit } from "../support/factories";
import { stamped } from "../support/rate-limit-cases";
import { TEST_SERVICE_API_KEY } from "../support/test-env";

// Named API keys: the owner's script, hashed storage, revocation, and a rate-limit budget per key.
// RATE_LIMIT_MAX=2 (in-process limiter) is set before the app's environment is first read.
vi.hoisted(() => {
  process.env.RATE_LIMIT_MAX = "2";
  process.env.RATE_LIMIT_WINDOW_SECONDS = "600";
  delete process.env.UPSTASH_REDIS_REST_URL;
  delete process.env.UPSTASH_REDIS_REST_TOKEN;
});

const ROOT = path.resolve(__dirname, "../..");
const run = promisify(execFile);

async function apiKeys(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npm", ["run", "-s", "api-keys", "--", ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

let unit: { id: string };
let day: string;
let nextNight = 0;
beforeAll(async () => {
  unit = await createUnit();
  await createRatePlan({ unitId: unit.id, nightly: 10_000, currency: "USD" });
  day = addDays(todayIn("America/New_York"), 40);
});

/** A one-night hold on a night nobody else in this file asks for. */
function holdWith(key: string) {
  const checkIn = addDays(day, nextNight++ * 2);
  // One client address for every call, stamped as scripts/server.ts stamps the socket's.
  const headers = stamped({ ...bearer(key), "x-palm-socket-ip": "127.0.0.1" });
  return callRoute(postHold, { path: "/api/v1/holds", body: { unitId: unit.id, checkIn, checkOut: addDays(checkIn, 1), guests: 1 }, headers });
}

describe("npm run api-keys", () => {
  it("creates a key shown once, stores only its sha256, lists it without the key, and revokes it", async () => {
    const created = await apiKeys("create", "n8n-bot");
    expect(created.code).toBe(0);
    const key = /\b(pac_[A-Za-z0-9_-]{43})\b/.exec(created.stdout)?.[1];
    expect(key, created.stdout).toBeDefined();

    const row = await prisma.apiKey.findFirstOrThrow({ where: { name: "n8n-bot" } });
    expect(row.keyHash).toBe(createHash("sha256").update(key!).digest("hex"));
    expect(row.prefix).toBe(key!.slice(0, 10));
    expect(JSON.stringify(row)).not.toContain(key!.slice(10));

    const listed = await apiKeys("list");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^n8n-bot\s+pac_\S{6}…\s+created \S+\s+live$/m);
    expect(listed.stdout).not.toContain(key!.slice(10));

    const ok = await holdWith(key!);
    expect(ok.status).toBe(201);

    const again = await apiKeys("create", "n8n-bot");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("A key named n8n-bot already exists. Revoke it first or pick another name.");

    const revoked = await apiKeys("revoke", "n8n-bot");
    expect(revoked.code).toBe(0);
    const refused = await holdWith(key!);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("UNAUTHORIZED");

    // The name is free again for a new key; the old one stays revoked.
    const renewed = await apiKeys("create", "n8n-bot");
    expect(renewed.code).toBe(0);
    expect((await apiKeys("list")).stdout).toMatch(/^n8n-bot\s+\S+\s+created \S+\s+revoked \S+$/m);
  }, 120_000);

  it("refuses a bad name and an unknown command with the usage", async () => {
    const bad = await apiKeys("create", "Not A Name!");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("A key name is 1 to 63 letters, digits, dots, dashes or underscores, e.g. n8n-bot.");
    const unknown = await apiKeys("rotate", "x");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Usage: npm run api-keys -- create <name> | list | revoke <name>");
    const missing = await apiKeys("revoke", "no-such-key");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("There is no live key named no-such-key.");
  }, 120_000);
});

describe("authentication with named keys", () => {
  it("keeps SERVICE_API_KEY working and refuses keys that are not live", async () => {
    expect((await holdWith(TEST_SERVICE_API_KEY)).status).toBe(201);
    const { key } = await createApiKey(prisma, { name: "short-lived" });
    expect((await holdWith(key)).status).toBe(201);
    for (const wrong of [`${key}x`, key.slice(0, -1), `pac_${"A".repeat(43)}`]) {
      expect((await holdWith(wrong)).status).toBe(401);
    }
    await revokeApiKey(prisma, { name: "short-lived" });
    expect((await holdWith(key)).status).toBe(401);
    const listed = await listApiKeys(prisma);
    expect(listed.find((k) => k.name === "short-lived")?.revokedAt).toBeInstanceOf(Date);
  });

  it("gives each key its own rate-limit budget (RATE_LIMIT_MAX=2 per client and unit)", async () => {
    const a = (await createApiKey(prisma, { name: "agent-a" })).key;
    const b = (await createApiKey(prisma, { name: "agent-b" })).key;
    const statusesA = [];
    for (let i = 0; i < 3; i++) statusesA.push((await holdWith(a)).status);
    expect(statusesA).toEqual([201, 201, 429]);
    // Same client address, same unit: b is not slowed down by a.
    const statusesB = [];
    for (let i = 0; i < 3; i++) statusesB.push((await holdWith(b)).status);
    expect(statusesB).toEqual([201, 201, 429]);
  });
});
