import "server-only";
import type { Prisma } from "@prisma/client";
import type { Transporter } from "nodemailer";
import { prisma } from "@/lib/server/db/client";
import { logger } from "@/lib/server/logger";
import { buildMessage } from "@/lib/server/notifications/build-message";
import { getMailTransport, mailFrom } from "@/lib/server/notifications/transport";
import { getPropertyInfo } from "@/lib/server/property/get-property-info";
import { now as clockNow } from "@/lib/clock";

// Delivers the outbox (lib/server/notifications/enqueue.ts). Safe to run any number of times at
// once: a run claims due rows with one UPDATE over SELECT ... FOR UPDATE SKIP LOCKED that sets a
// lease, so a row is worked on by one run at a time; it is marked SENT (once, guarded on PENDING)
// only after the relay accepted it. A crash between the relay's "250 OK" and that update sends the
// message again when the lease ends, with the same Message-ID, so the duplicate is recognisable;
// SMTP offers no stronger promise than at-least-once.

/** Attempts before a message is given up (status FAILED, visible to the owner). */
export const OUTBOX_MAX_ATTEMPTS = 10;
/** First retry after 1 minute, doubling: 1, 2, 4 … 256 minutes (about 8.5 hours in all). */
export const OUTBOX_BASE_DELAY_MS = 60_000;
export const OUTBOX_MAX_DELAY_MS = 6 * 60 * 60_000;
/** How long a claimed row is left to its run before another may take it over. */
export const OUTBOX_LEASE_MS = 5 * 60_000;
const BATCH = 20;

export function backoffMs(attempts: number): number {
  return Math.min(OUTBOX_BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), OUTBOX_MAX_DELAY_MS);
}

export interface SendOutboxOptions {
  now?: Date;
  /** The SMTP transport; default: the one configured by SMTP_URL. */
  transport?: Transporter;
  limit?: number;
}

export interface SendOutboxReport {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
  [key: string]: number;
}

/** Safe to log or show: the error's code and the SMTP status, never addresses or message text. */
export function describeSendError(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; name?: unknown };
  const code = typeof e?.code === "string" && /^[A-Z_]{2,40}$/.test(e.code) ? e.code : typeof e?.name === "string" ? e.name.slice(0, 40) : "Error";
  const status = typeof e?.responseCode === "number" ? ` (SMTP ${e.responseCode})` : "";
  return `${code}${status}`;
}

async function claim(now: Date, limit: number): Promise<string[]> {
  const leaseUntil = new Date(now.getTime() + OUTBOX_LEASE_MS);
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE "OutboxMessage" SET "lockedUntil" = ${leaseUntil}, "attempts" = "attempts" + 1, "updatedAt" = ${now}
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage"
      WHERE "status" = 'PENDING' AND "nextAttemptAt" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${now})
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id"`;
  return rows.map((r) => r.id);
}

/** Finishes a claimed row; guarded on PENDING so a row is finished once. */
async function finish(id: string, data: Prisma.OutboxMessageUpdateManyMutationInput): Promise<void> {
  await prisma.outboxMessage.updateMany({ where: { id, status: "PENDING" }, data: { lockedUntil: null, ...data } });
}

export async function sendOutbox(options: SendOutboxOptions = {}): Promise<SendOutboxReport> {
  const report: SendOutboxReport = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  const transport = options.transport ?? getMailTransport();
  // Nothing configured (development without a catcher, NOTIFICATIONS=off): messages wait.
  if (!transport) return report;
  const now = options.now ?? clockNow();
  const ids = await claim(now, options.limit ?? BATCH);
  if (ids.length === 0) return report;
  const from = mailFrom((await getPropertyInfo()).name);

  for (const id of ids) {
    const row = await prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
    try {
      const built = await buildMessage(row);
      if (built.kind === "skip") {
        await finish(id, { status: "SKIPPED", lastError: built.reason, payload: {} });
        report.skipped++;
        continue;
      }
      const { message } = built;
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        attachments: message.attachments,
        messageId: row.messageId,
        headers: { "X-PAC-Message": row.id },
      });
      // The manage-link token's clear copy goes with the message: the row keeps only references.
      await finish(id, { status: "SENT", sentAt: now, lastError: null, payload: {} });
      report.sent++;
    } catch (error) {
      const lastError = describeSendError(error);
      if (row.attempts >= OUTBOX_MAX_ATTEMPTS) {
        await finish(id, { status: "FAILED", lastError, payload: {} });
        report.failed++;
        logger.error({ outboxId: id, kind: row.kind, attempts: row.attempts, error: lastError }, "email given up");
      } else {
        await finish(id, { lastError, nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)) });
        report.retrying++;
        logger.warn({ outboxId: id, kind: row.kind, attempts: row.attempts, error: lastError }, "email not delivered; will retry");
      }
    }
  }
  return report;
}
