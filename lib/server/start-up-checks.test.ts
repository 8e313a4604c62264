import { describe, expect, it } from "vitest";
import { EnvError, parseServerEnv } from "@/lib/env-schema";
import { startUpProblems } from "./start-up-checks";

const base = {
  DATABASE_URL: "postgresql://localhost/db",
  STRIPE_SECRET_KEY: "sk_test_abc",
  STRIPE_WEBHOOK_SECRET: "whsec_abc",
  SERVICE_API_KEY: "x".repeat(32),
  CRON_SECRET: "y".repeat(16),
  ORIGIN: "https://palmairecourt.example",
  // Required in production by other rules (email relay, console sign-in); not what these tests check.
  SMTP_URL: "smtps://user:pass@smtp.example.com:465",
  MAIL_FROM: "Palm Aire Court <bookings@palmairecourt.example>",
  AUTH_SECRET: "a".repeat(32),
};
const STAMP = "s".repeat(64);

function problems(vars: Record<string, string>, publishableKey?: string) {
  return startUpProblems({ env: parseServerEnv({ ...base, ...vars }), publishableKey });
}

describe("start-up refusals in production", () => {
  it("refuses a server that cannot tell clients apart (plain `next start`)", () => {
    const found = problems({ NODE_ENV: "production" }, "pk_live_x");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/cannot tell clients apart/);
  });

  it("accepts the socket stamp of `npm start`, a trusted proxy header, or Vercel", () => {
    expect(problems({ NODE_ENV: "production", PALM_SOCKET_STAMP: STAMP }, "pk_live_x")).toEqual([]);
    expect(problems({ NODE_ENV: "production", TRUSTED_IP_HEADER: "x-real-ip" }, "pk_live_x")).toEqual([]);
    expect(problems({ NODE_ENV: "production", VERCEL: "1" }, "pk_live_x")).toEqual([]);
  });

  it("refuses production without a publishable key unless in demo mode", () => {
    const found = problems({ NODE_ENV: "production", PALM_SOCKET_STAMP: STAMP });
    expect(found).toEqual([expect.stringMatching(/^NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: required in production/)]);
    expect(problems({ NODE_ENV: "production", PALM_SOCKET_STAMP: STAMP, PAYMENTS_DEMO_MODE: "true" })).toEqual([]);
  });

  it("checks nothing of this in development", () => {
    expect(problems({ NODE_ENV: "development" })).toEqual([]);
  });

  it("never allows demo mode with a live key", () => {
    expect(() => parseServerEnv({ ...base, STRIPE_SECRET_KEY: "sk_live_abc", PAYMENTS_DEMO_MODE: "true" })).toThrow(EnvError);
    expect(parseServerEnv({ ...base, STRIPE_SECRET_KEY: "sk_live_abc" }).PAYMENTS_DEMO_MODE).toBe(false);
  });
});
