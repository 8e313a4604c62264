import "server-only";
import { now as clockNow } from "@/lib/clock";
import { AppError } from "@/lib/server/errors";
import { mapDatabaseError } from "@/lib/server/db/map-db-error";
import { logger } from "@/lib/server/logger";
import { deleteExpiredIdempotencyKeys } from "./delete-expired-idempotency-keys";
import { enqueuePreArrivalEmails } from "./enqueue-pre-arrival";
import { expireHolds } from "./expire-holds";
import { syncChannelFeeds } from "./sync-channel-feeds";
import { resumeRefunds } from "./resume-refunds";
import { sendOutbox } from "./send-outbox";

// Every background job, in one list. Each job is a plain function that is safe to run twice at
// once and at any frequency (it claims its rows with SKIP LOCKED or an advisory lock), so the one
// cron route and the in-process timer can both call runDueJobs whenever they like.

export interface JobContext {
  now: Date;
}

export interface Job {
  name: string;
  run: (context: JobContext) => Promise<Record<string, number>>;
}

export const jobs: Job[] = [
  { name: "expire-holds", run: ({ now }) => expireHolds({ now }) },
  { name: "sync-channel-feeds", run: ({ now }) => syncChannelFeeds({ now }) },
  { name: "delete-expired-idempotency-keys", run: ({ now }) => deleteExpiredIdempotencyKeys({ now }) },
  { name: "resume-refunds", run: ({ now }) => resumeRefunds({ now }) },
  // After expire-holds and the pre-arrival scan, so what they queue goes out in the same run.
  { name: "enqueue-pre-arrival", run: ({ now }) => enqueuePreArrivalEmails({ now }) },
  { name: "send-outbox", run: ({ now }) => sendOutbox({ now }) },
];

export type JobReport = Record<string, Record<string, number> | { error: true }>;

/** Runs every job once; a failing job is logged and reported, and never stops the others. */
export async function runDueJobs(options: { now?: Date; only?: string[] } = {}): Promise<JobReport> {
  return (await runJobs(options)).report;
}

async function runJobs(options: { now?: Date; only?: string[] }): Promise<{ report: JobReport; errors: unknown[] }> {
  const report: JobReport = {};
  const errors: unknown[] = [];
  for (const job of jobs) {
    if (options.only && !options.only.includes(job.name)) continue;
    try {
      report[job.name] = await job.run({ now: options.now ?? clockNow() });
    } catch (error) {
      logger.warn({ err: error, job: job.name }, "job failed");
      report[job.name] = { error: true };
      errors.push(error);
    }
  }
  return { report, errors };
}

/**
 * runDueJobs for the scheduler routes: every job still runs, but when one failed the caller gets
 * a 500 naming the failed jobs, so the scheduler's log shows the failure (reasons are in ours).
 */
export async function runJobsOrFail(options: { now?: Date; only?: string[] } = {}): Promise<Record<string, Record<string, number>>> {
  const { report, errors } = await runJobs(options);
  const failedJobs = Object.keys(report).filter((name) => (report[name] as { error?: unknown }).error === true);
  // A database outage is the scheduler's 503 with Retry-After, as on every route.
  const outage = errors.map((error) => mapDatabaseError(error)).find((mapped) => mapped?.code === "SERVICE_UNAVAILABLE");
  if (outage) throw outage;
  if (failedJobs.length > 0) {
    throw new AppError("INTERNAL", "Some background jobs failed; they are retried on the next run.", { details: { failedJobs } });
  }
  return report as Record<string, Record<string, number>>;
}
