import "server-only";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { env } from "@/lib/env";
import { rateLimited } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";

export type RateLimitBucket = "holds" | "checkout" | "reserve" | "lookup" | "signin-email" | "signin-client";

interface Verdict {
  success: boolean;
  /** Epoch ms at which the next request will be allowed. */
  reset: number;
  /** Set by @upstash/ratelimit, e.g. "timeout" when Redis did not answer in time. */
  reason?: string;
}

interface Limiter {
  limit(key: string): Promise<Verdict>;
}

/** Sliding-window log kept in this process: exact, and fine for a single server or dev. */
class InProcessLimiter implements Limiter {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly max: number, private readonly windowMs: number) {}

  async limit(key: string): Promise<Verdict> {
    const now = Date.now();
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (this.hits.size > 10_000) this.sweep(since);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      return { success: false, reset: recent[0]! + this.windowMs };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { success: true, reset: now + this.windowMs };
  }

  private sweep(since: number) {
    for (const [key, times] of this.hits) if (!times.some((t) => t > since)) this.hits.delete(key);
  }
}

const globalForLimiters = globalThis as unknown as { __palmLimiters?: Map<string, Limiter> };
const limiters = (globalForLimiters.__palmLimiters ??= new Map<string, Limiter>());

/**
 * The site's Reserve action has its own, slower budget per client address across all units.
 * Console sign-in links are limited whatever RATE_LIMIT_MAX says, since anyone may ask for one:
 * 5 per address and 20 per client in 15 minutes (docs/decisions.md, "Owner console: sign-in").
 */
function bucketConfig(bucket: RateLimitBucket): { max: number; windowSeconds: number } {
  if (bucket === "reserve") return { max: env.RESERVE_RATE_LIMIT_MAX, windowSeconds: env.RESERVE_RATE_LIMIT_WINDOW_SECONDS };
  if (bucket === "signin-email") return { max: 5, windowSeconds: 15 * 60 };
  if (bucket === "signin-client") return { max: 20, windowSeconds: 15 * 60 };
  return { max: env.RATE_LIMIT_MAX, windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS };
}

function limiterFor(bucket: RateLimitBucket): Limiter | null {
  const { max, windowSeconds } = bucketConfig(bucket);
  if (max === 0) return null;
  const id = `${bucket}:${max}:${windowSeconds}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    if (env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN) {
      limiter = new Ratelimit({
        redis: new Redis({
          url: env.UPSTASH_REDIS_REST_URL,
          token: env.UPSTASH_REDIS_REST_TOKEN,
          // The SDK's default is 5 retries with exponential back-off (about 4 s on an outage);
          // one quick retry, then fail open.
          retry: { retries: 1, backoff: () => 50 },
          enableTelemetry: false,
        }),
        limiter: Ratelimit.slidingWindow(max, `${windowSeconds} s`),
        prefix: `palm:rl:${bucket}`,
        analytics: false,
        // Ratelimit answers "allowed" after this long without a reply (fail open, like below).
        timeout: env.RATE_LIMIT_TIMEOUT_MS,
      });
    } else {
      limiter = new InProcessLimiter(max, windowSeconds * 1000);
    }
    limiters.set(id, limiter);
  }
  return limiter;
}

/** Throws RATE_LIMITED (429 with Retry-After) when `key` is over the bucket's limit. */
/** Whether the bucket limits at all (a max of 0 turns it off): callers skip building its key. */
export function rateLimitApplies(bucket: RateLimitBucket): boolean {
  return bucketConfig(bucket).max !== 0;
}

export async function enforceRateLimit(bucket: RateLimitBucket, key: string): Promise<void> {
  const limiter = limiterFor(bucket);
  if (!limiter) return;
  let verdict: Verdict;
  try {
    verdict = await limiter.limit(key);
  } catch (error) {
    // Fail open: an outage of the limiter's store must not stop guests from booking.
    logger.warn({ err: error, bucket }, "rate limiter unavailable; request allowed");
    return;
  }
  if (verdict.reason === "timeout") logger.warn({ bucket }, "rate limiter timed out; request allowed");
  if (verdict.success) return;
  const retryAfter = Math.max(1, Math.ceil((verdict.reset - Date.now()) / 1000));
  throw rateLimited({ headers: { "Retry-After": String(retryAfter) } });
}
