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

export const serverEnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string({ error: "required: the PostgreSQL connection string (postgresql://...)" })
      .regex(/^postgres(ql)?:\/\//, "expected a postgresql:// connection string"),
    DIRECT_URL: optionalUrl,
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
    UPSTASH_REDIS_REST_URL: optionalUrl,
    UPSTASH_REDIS_REST_TOKEN: z.preprocess((v) => (v === "" ? undefined : v), z.string().optional()),
    // How the client IP is found for rate limiting; see docs/decisions.md.
    TRUSTED_IP_HEADER: z.preprocess((v) => (v === "" ? undefined : v), z.string().toLowerCase().optional()),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.OWNER_API_KEY && env.OWNER_API_KEY === env.SERVICE_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["OWNER_API_KEY"], message: "must differ from SERVICE_API_KEY" });
    }
    if (Boolean(env.UPSTASH_REDIS_REST_URL) !== Boolean(env.UPSTASH_REDIS_REST_TOKEN)) {
      ctx.addIssue({
        code: "custom",
        path: [env.UPSTASH_REDIS_REST_URL ? "UPSTASH_REDIS_REST_TOKEN" : "UPSTASH_REDIS_REST_URL"],
        message: "set both UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or neither",
      });
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
