import "server-only";
import { logger } from "@/lib/server/logger";
import { sendOutbox } from "@/lib/server/jobs/send-outbox";

const globalForKick = globalThis as unknown as { __palmOutboxKick?: NodeJS.Timeout };

/**
 * Asks for the outbox to be delivered now rather than at the next job run, after a transaction
 * that queued messages has committed, so a guest's confirmation arrives within seconds. Only a
 * shortcut: the jobs deliver anything it misses (it is not awaited, and may not run at all on a
 * serverless host once the response is sent). Off in tests, which run the sender themselves.
 */
export function kickOutbox(): void {
  if (process.env.NODE_ENV === "test" || globalForKick.__palmOutboxKick) return;
  globalForKick.__palmOutboxKick = setTimeout(() => {
    globalForKick.__palmOutboxKick = undefined;
    sendOutbox().catch((error: unknown) => logger.warn({ err: error }, "outbox delivery failed"));
  }, 250);
  globalForKick.__palmOutboxKick.unref();
}
