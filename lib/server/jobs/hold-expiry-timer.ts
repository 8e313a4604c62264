import "server-only";
import { expireHolds } from "./expire-holds";
import { logger } from "@/lib/server/logger";

const INTERVAL_MS = 60_000;
const globalForTimer = globalThis as unknown as { __palmHoldExpiryTimer?: NodeJS.Timeout };

/**
 * On servers other than Vercel (next start, npm run dev) no cron calls the expiry route, so the
 * server runs the same job itself every minute. Correctness never depends on it: an expired hold
 * blocks nothing even while still marked ACTIVE. On Vercel, vercel.json's cron does this.
 */
export function startHoldExpiryTimer(): void {
  if (process.env.VERCEL || process.env.NODE_ENV === "test" || globalForTimer.__palmHoldExpiryTimer) return;
  const tick = () => {
    expireHolds()
      .then(({ expired }) => {
        if (expired > 0) logger.info({ expired }, "expired stale holds");
      })
      .catch((error: unknown) => logger.warn({ err: error }, "hold expiry run failed"));
  };
  globalForTimer.__palmHoldExpiryTimer = setInterval(tick, INTERVAL_MS);
  globalForTimer.__palmHoldExpiryTimer.unref();
  tick();
}
