import "server-only";
import { logger } from "@/lib/server/logger";
import { runDueJobs } from "./run-due-jobs";

const INTERVAL_MS = 60_000;
const globalForTimer = globalThis as unknown as { __palmJobTimer?: NodeJS.Timeout };

/**
 * On servers other than Vercel (next start, npm run dev) no cron calls the jobs route, so the
 * server runs the same jobs itself every minute. Correctness never depends on it: an expired hold
 * blocks nothing even while still marked ACTIVE, and every job is safe to run concurrently with
 * the cron route's run. On Vercel, vercel.json's cron does this.
 */
export function startJobTimer(): void {
  if (process.env.VERCEL || process.env.NODE_ENV === "test" || globalForTimer.__palmJobTimer) return;
  const tick = () => {
    runDueJobs()
      .then((report) => logger.debug({ report }, "jobs ran"))
      .catch((error: unknown) => logger.warn({ err: error }, "job run failed"));
  };
  globalForTimer.__palmJobTimer = setInterval(tick, INTERVAL_MS);
  globalForTimer.__palmJobTimer.unref();
  tick();
}
