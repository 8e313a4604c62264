import { z } from "zod";

// The schema of every environment variable the server reads. Kept free of "server-only" so the
// dev launcher, the seed and tests validate with the same rules as the app.

const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a 24-hour time HH:MM, e.g. 15:00");

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "expected an IANA time zone name, e.g. America/New_York");

const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());
const intFromString = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The log level, read on its own: the logger must work before the rest of the environment is
 * validated (and to report that it is not). Tests default to "warn", everything else to "info".
 */
export function logLevelFrom(source: Record<string, string | undefined>): LogLevel {
  const parsed = z.enum(LOG_LEVELS).safeParse(source.LOG_LEVEL || undefined);
  return parsed.success ? parsed.data : source.NODE_ENV === "test" ? "warn" : "info";
}

export const serverEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string({ error: "required: the PostgreSQL connection string (postgresql://...)" })
      .regex(/^postgres(ql)?:\/\//, "expected a postgresql:// connection string"),
    DIRECT_URL: optionalUrl,
    // Named prepared statements for the hot reads (issue #19: parsing and planning cost more than
    // running them). "auto": on, except behind a transaction pooler (port 6543 or pgbouncer=true),
    // which may hand the next statement to a server connection that never prepared it.
    DATABASE_PREPARED_STATEMENTS: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["auto", "true", "false"]).default("auto")),
    STRIPE_SECRET_KEY: z
      .string({ error: "required: the Stripe secret key (sk_test_... or sk_live_...)" })
      .regex(/^(sk|rk)_(test|live)_\w+$/, "expected a Stripe secret key (sk_test_... or sk_live_...)"),
    STRIPE_WEBHOOK_SECRET: z
      .string({ error: "required: the Stripe webhook signing secret (whsec_...)" })
      .regex(/^whsec_\w+$/, "expected a Stripe webhook signing secret (whsec_...)"),
    STRIPE_API_BASE: optionalUrl,
    SERVICE_API_KEY: z
      .string({ error: "required: a random secret of at least 32 characters for private API calls" })
      .min(32, "expected at least 32 characters"),
    // The owner's bearer key for owner-only API options (explicit refund amounts, refunds after a
    // stay) until the owner console has its own sign-in; unset = those options are closed.
    OWNER_API_KEY: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().min(32, "expected at least 32 characters").optional(),
    ),
    CRON_SECRET: z
      .string({ error: "required: a random secret of at least 16 characters for the cron route" })
      .min(16, "expected at least 16 characters"),
    ORIGIN: z.url({ error: "required: the site origin, e.g. https://palmairecourt.com" }),
    N8N_ORIGIN: optionalUrl,
    // Where the site's server reaches its own API (defaults to this server on loopback).
    INTERNAL_API_BASE: optionalUrl,
    PROPERTY_TIMEZONE: timeZone.default("America/New_York"),
    CHECKIN_TIME: timeOfDay.default("15:00"),
    CHECKOUT_TIME: timeOfDay.default("11:00"),
    RATE_LIMIT_MAX: intFromString(10, 0, 100_000),
    RATE_LIMIT_WINDOW_SECONDS: intFromString(60, 1, 86_400),
    // How long a request waits for the shared (Upstash) limiter before it is let through.
    RATE_LIMIT_TIMEOUT_MS: intFromString(1500, 50, 60_000),
    UPSTASH_REDIS_REST_URL: optionalUrl,
    UPSTASH_REDIS_REST_TOKEN: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
    // How the client IP is found for rate limiting; see docs/decisions.md.
    TRUSTED_IP_HEADER: z.preprocess((v) => (v === "" ? undefined : v), z.string().toLowerCase().optional()),
    // Owner console (docs/decisions.md, "Owner console"): the first owner's email (also where owner
    // alert emails go; default: the property's contact email), the secret
    // Auth.js signs its cookies and hashes sign-in tokens with, and the most staff may refund.
    OWNER_EMAIL: z.preprocess((v) => (v === "" ? undefined : v), z.email().toLowerCase().optional()),
    AUTH_SECRET: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(32, "expected at least 32 characters").optional()),
    STAFF_REFUND_LIMIT_CENTS: intFromString(20_000, 0, 100_000_000),
    // Channel sync (issue #17); see docs/decisions.md.
    ICAL_PUBLIC_FEED: z.preprocess((v) => (v === "" ? undefined : v), z.stringbool().default(true)),
    CHANNEL_SYNC_INTERVAL_MINUTES: intFromString(15, 1, 1_440),
    CHANNEL_FEED_STALE_HOURS: intFromString(3, 1, 720),
    // Lets feeds on 127.0.0.1 / ::1 be fetched (tests, local dev); refused in production.
    CHANNEL_FEED_ALLOW_LOOPBACK: z.preprocess((v) => (v === "" ? undefined : v), z.stringbool().default(false)),
    // Inventory protection (docs/decisions.md): live unpaid holds per guest (by email, and by the
    // address the site forwards), the stay length above which a hold lasts only
    // LONG_STAY_HOLD_TTL_MINUTES, and the site's Reserve action per client address.
    HOLDS_PER_GUEST_MAX: intFromString(2, 1, 100),
    LONG_STAY_NIGHTS: intFromString(30, 1, 365),
    LONG_STAY_HOLD_TTL_MINUTES: intFromString(5, 1, 60),
    RESERVE_RATE_LIMIT_MAX: intFromString(6, 0, 100_000),
    RESERVE_RATE_LIMIT_WINDOW_SECONDS: intFromString(600, 1, 86_400),
    // Set by scripts/server.ts for its own process (a fresh random value each start); never configure it.
    PALM_SOCKET_STAMP: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(32).optional()),
    VERCEL: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
    // The test-mode card form and its server action exist only in this explicit demo mode (the
    // zero-setup `npm run dev` and the browser tests), never because the key is a test key.
    PAYMENTS_DEMO_MODE: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
    // Guest and owner emails (#15). SMTP_URL: smtp(s)://user:pass@host:port of any relay (Postmark,
    // Resend, SES...). NOTIFICATIONS=off stops sending (the outbox still records each message).
    NOTIFICATIONS: z.enum(["on", "off"]).default("on"),
    SMTP_URL: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.string().regex(/^smtps?:\/\/[^\s]+$/, "expected an smtp:// or smtps:// URL, e.g. smtps://user:pass@smtp.example.com:465").optional(),
    ),
    MAIL_FROM: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(3).optional()),
    // The pre-arrival email goes this many days before check-in; 0 turns it off.
    PRE_ARRIVAL_DAYS: intFromString(3, 0, 60),
    LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
    // Where `npm start` listens; the site's server calls its own API there (lib/site/api.ts).
    HOST: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
    PORT: intFromString(3000, 1, 65_535),
    // Only the benchmark sets it: enables its ceiling route /api/bench/ping.
    BENCH_PING: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["0", "1"]).optional()),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "required in production: a random secret of at least 32 characters for owner sign-in" });
    }
    if (env.NODE_ENV === "production" && env.CHANNEL_FEED_ALLOW_LOOPBACK) {
      ctx.addIssue({
        code: "custom",
        path: ["CHANNEL_FEED_ALLOW_LOOPBACK"],
        message: "must not be true in production (calendar feeds may only be fetched from public addresses)",
      });
    }
    if (env.OWNER_API_KEY && env.OWNER_API_KEY === env.SERVICE_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["OWNER_API_KEY"], message: "must differ from SERVICE_API_KEY" });
    }
    if (env.PAYMENTS_DEMO_MODE && /^(sk|rk)_live_/.test(env.STRIPE_SECRET_KEY)) {
      ctx.addIssue({ code: "custom", path: ["PAYMENTS_DEMO_MODE"], message: "demo mode confirms payments with test cards: never with a live Stripe key" });
    }
    if (Boolean(env.UPSTASH_REDIS_REST_URL) !== Boolean(env.UPSTASH_REDIS_REST_TOKEN)) {
      ctx.addIssue({
        code: "custom",
        path: [env.UPSTASH_REDIS_REST_URL ? "UPSTASH_REDIS_REST_TOKEN" : "UPSTASH_REDIS_REST_URL"],
        message: "set both UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or neither",
      });
    }
    // In production a booking must never go out without its email: with notifications on, the
    // server refuses to start until it knows where to send them.
    if (env.NODE_ENV === "production" && env.NOTIFICATIONS === "on") {
      if (!env.SMTP_URL) {
        ctx.addIssue({ code: "custom", path: ["SMTP_URL"], message: "required in production while NOTIFICATIONS=on: the SMTP relay URL (smtps://user:pass@host:465), or set NOTIFICATIONS=off" });
      }
      if (!env.MAIL_FROM) {
        ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "required in production while NOTIFICATIONS=on: the sender, e.g. \"Palm Aire Court <bookings@palmairecourt.com>\"" });
      }
    }
  });

export type ServerEnv = z.infer<typeof serverEnvSchema>;

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Validates a set of variables; throws an EnvError naming each bad variable and what it expects. */
export function parseServerEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = serverEnvSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join(".") || "environment";
    return `${name}: ${issue.message}`;
  });
  throw new EnvError(problems);
}
