import "server-only";
import type { Prisma } from "@prisma/client";
import type { AdminUser } from "@/lib/server/auth/session";
import type { Db } from "@/lib/server/db/client";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one row to the audit log. Call it inside the transaction that makes the change, so the
 * log holds exactly the changes that happened (the table itself refuses updates and deletes).
 */
export async function recordAudit(db: Db, actor: AdminUser, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: actor.id,
      actorEmail: actor.email,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  // Dates become ISO strings; the log shows values as they were, not live objects.
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
