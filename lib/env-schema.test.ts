import { describe, expect, it } from "vitest";
import { EnvError, parseServerEnv } from "./env-schema";

const valid = {
  DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/app",
  STRIPE_SECRET_KEY: "sk_test_abc123",
  STRIPE_WEBHOOK_SECRET: "whsec_abc123",
  SERVICE_API_KEY: "k".repeat(32),
  CRON_SECRET: "c".repeat(16),
  ORIGIN: "https://palmairecourt.example",
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseServerEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseServerEnv", () => {
  it("accepts a complete configuration and fills the documented defaults", () => {
    const env = parseServerEnv(valid);
    expect(env.PROPERTY_TIMEZONE).toBe("America/New_York");
    expect(env.CHECKIN_TIME).toBe("15:00");
    expect(env.CHECKOUT_TIME).toBe("11:00");
    expect(env.RATE_LIMIT_MAX).toBe(10);
    expect(env.RATE_LIMIT_WINDOW_SECONDS).toBe(60);
  });

  it.each([
    ["DATABASE_URL", { DATABASE_URL: undefined }, "postgresql"],
    ["DATABASE_URL", { DATABASE_URL: "mysql://x" }, "postgresql://"],
    ["STRIPE_SECRET_KEY", { STRIPE_SECRET_KEY: "pk_test_abc" }, "sk_test_"],
    ["STRIPE_WEBHOOK_SECRET", { STRIPE_WEBHOOK_SECRET: undefined }, "whsec_"],
    ["SERVICE_API_KEY", { SERVICE_API_KEY: "short" }, "32"],
    ["CRON_SECRET", { CRON_SECRET: undefined }, "16"],
    ["ORIGIN", { ORIGIN: "not a url" }, ""],
    ["PROPERTY_TIMEZONE", { PROPERTY_TIMEZONE: "Mars/Olympus" }, "IANA"],
    ["CHECKIN_TIME", { CHECKIN_TIME: "3pm" }, "HH:MM"],
    ["RATE_LIMIT_MAX", { RATE_LIMIT_MAX: "-1" }, ""],
    ["UPSTASH_REDIS_REST_TOKEN", { UPSTASH_REDIS_REST_URL: "https://x.upstash.io" }, "both"],
  ])("names %s when it is missing or malformed", (name, override, hint) => {
    const problems = problemsOf({ ...valid, ...override });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
    expect(problems[0]).toContain(hint);
  });

  it("refuses a production start without SMTP settings while notifications are on, and without the console's AUTH_SECRET", () => {
    const problems = problemsOf({ ...valid, NODE_ENV: "production" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["AUTH_SECRET", "MAIL_FROM", "SMTP_URL"]);
    const production = { ...valid, NODE_ENV: "production", AUTH_SECRET: "a".repeat(32) };
    expect(problemsOf({ ...production, NOTIFICATIONS: "off" })).toEqual([]);
    expect(problemsOf({ ...production, SMTP_URL: "smtps://u:p@smtp.example.com:465", MAIL_FROM: "Palm Aire Court <b@example.com>" })).toEqual([]);
    // Outside production a missing relay only means nothing is sent yet.
    expect(problemsOf({ ...valid, NODE_ENV: "development" })).toEqual([]);
  });

  it("names a malformed SMTP_URL", () => {
    const problems = problemsOf({ ...valid, SMTP_URL: "http://mail.example.com" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SMTP_URL: .*smtp:\/\//);
  });

  it("lists every bad variable at once", () => {
    const problems = problemsOf({});
    const names = problems.map((p) => p.split(":")[0]);
    expect(names).toEqual(
      expect.arrayContaining(["DATABASE_URL", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "SERVICE_API_KEY", "CRON_SECRET", "ORIGIN"]),
    );
  });

  it("treats RATE_LIMIT_MAX=0 as limiting off, not as missing", () => {
    expect(parseServerEnv({ ...valid, RATE_LIMIT_MAX: "0" }).RATE_LIMIT_MAX).toBe(0);
  });

  it("channel sync: defaults, and loopback feeds refused in production", () => {
    const env = parseServerEnv(valid);
    expect(env.ICAL_PUBLIC_FEED).toBe(true);
    expect(env.CHANNEL_SYNC_INTERVAL_MINUTES).toBe(15);
    expect(env.CHANNEL_FEED_STALE_HOURS).toBe(3);
    expect(env.CHANNEL_FEED_ALLOW_LOOPBACK).toBe(false);
    expect(parseServerEnv({ ...valid, ICAL_PUBLIC_FEED: "false" }).ICAL_PUBLIC_FEED).toBe(false);
    expect(parseServerEnv({ ...valid, NODE_ENV: "test", CHANNEL_FEED_ALLOW_LOOPBACK: "true" }).CHANNEL_FEED_ALLOW_LOOPBACK).toBe(true);
    // Production has other requirements too (e.g. email); only this variable's problem matters here.
    const names = (source: Record<string, string>) => problemsOf(source).map((p) => p.split(":")[0]);
    expect(names({ ...valid, NODE_ENV: "production", CHANNEL_FEED_ALLOW_LOOPBACK: "true" })).toContain("CHANNEL_FEED_ALLOW_LOOPBACK");
    expect(names({ ...valid, NODE_ENV: "production" })).not.toContain("CHANNEL_FEED_ALLOW_LOOPBACK");
    expect(problemsOf({ ...valid, ICAL_PUBLIC_FEED: "maybe" }).map((p) => p.split(":")[0])).toEqual(["ICAL_PUBLIC_FEED"]);
  });
});
