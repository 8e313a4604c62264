import { vi } from "vitest";
import { defineRateLimitCases } from "../support/rate-limit-cases";

// The in-process limiter: RATE_LIMIT_MAX=10 and no Upstash variables, set before the app's
// environment is first read (vi.hoisted runs before the imports).
vi.hoisted(() => {
  process.env.RATE_LIMIT_MAX = "10";
  process.env.RATE_LIMIT_WINDOW_SECONDS = "60";
  delete process.env.UPSTASH_REDIS_REST_URL;
  delete process.env.UPSTASH_REDIS_REST_TOKEN;
  delete process.env.TRUSTED_IP_HEADER;
  delete process.env.VERCEL;
});

defineRateLimitCases();
