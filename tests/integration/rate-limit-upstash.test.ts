import { randomBytes } from "node:crypto";
import { Redis } from "@upstash/redis";
import { afterAll, describe, expect, it, vi } from "vitest";
import { onLogLine } from "@/lib/server/logger";
import { defineRateLimitCases, hold, randomIp } from "../support/rate-limit-cases";
import type { UpstashShim } from "../support/upstash-shim";

// The Upstash backend, for real: @upstash/ratelimit and @upstash/redis unmodified, talking HTTP to
// an Upstash-REST-compatible shim in front of the local Redis (no internet). The shim starts and
// the variables are set before the app's environment is first read.
const shim: UpstashShim = await vi.hoisted(async () => {
  const { startUpstashShim } = await import("../support/upstash-shim");
  const started = await startUpstashShim();
  process.env.RATE_LIMIT_MAX = "10";
  process.env.RATE_LIMIT_WINDOW_SECONDS = "60";
  // The limiter fails open after this long; on a loaded machine the default 1.5 s would let a
  // request through by timing and turn an expected 429 into a 201.
  process.env.RATE_LIMIT_TIMEOUT_MS = "30000";
  process.env.UPSTASH_REDIS_REST_URL = started.url;
  process.env.UPSTASH_REDIS_REST_TOKEN = started.token;
  delete process.env.TRUSTED_IP_HEADER;
  delete process.env.VERCEL;
  return started;
});

afterAll(async () => {
  await shim.close();
});

defineRateLimitCases({ slidingWindowMs: 60_000 });

describe("the Upstash backend", () => {
  it("the shim speaks the REST protocol @upstash/redis expects (commands, pipeline, multi-exec, base64)", async () => {
    const redis = new Redis({ url: shim.url, token: shim.token, enableTelemetry: false });
    const key = `palm:test:${randomBytes(6).toString("hex")}`;
    expect(await redis.set(key, "Palm Aire Court — café ☀")).toBe("OK");
    expect(await redis.get(key)).toBe("Palm Aire Court — café ☀");
    expect(await redis.incr(`${key}:n`)).toBe(1);
    const pipe = redis.pipeline();
    pipe.incr(`${key}:n`);
    pipe.get(`${key}:n`);
    expect(await pipe.exec()).toEqual([2, 2]);
    const tx = redis.multi();
    tx.incrby(`${key}:n`, 5);
    tx.del(key);
    expect(await tx.exec()).toEqual([7, 1]);
    expect(await redis.eval("return {KEYS[1], ARGV[1]}", [key], ["x"])).toEqual([key, "x"]);

    const intruder = new Redis({ url: shim.url, token: "wrong", enableTelemetry: false, retry: false });
    await expect(intruder.get(key)).rejects.toThrow(/Unauthorized/);
  });

  it("was what counted: the limiter ran its Lua script through the REST API", () => {
    const scripted = (shim.commands.get("EVALSHA") ?? 0) + (shim.commands.get("EVAL") ?? 0);
    expect(scripted).toBeGreaterThanOrEqual(40);
  });

  it("fails open when Upstash is unreachable: the hold is made and a warning is logged without secrets", async () => {
    const lines: string[] = [];
    const stop = onLogLine((line) => lines.push(line));
    shim.setDown(true);
    try {
      const res = await hold("rv-02", { "x-palm-socket-ip": randomIp() });
      expect(res.status).toBe(201);
    } finally {
      shim.setDown(false);
      stop();
    }
    const warning = lines.map((l) => JSON.parse(l)).find((l) => l.msg === "rate limiter unavailable; request allowed");
    expect(warning).toMatchObject({ level: "warn", bucket: "holds" });
    expect(lines.join("\n")).not.toContain(shim.token);
  });
});
