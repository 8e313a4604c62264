import "server-only";
import { prisma } from "@/lib/server/db/client";

export interface AuditRow {
  id: string;
  at: Date;
  actorEmail: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** The newest audit rows first, optionally for one entity; `page` is 1-based. */
export async function listAuditLog(options: { entityType?: string; entityId?: string; page?: number; pageSize?: number } = {}): Promise<{ rows: AuditRow[]; total: number }> {
  const pageSize = Math.min(Math.max(options.pageSize ?? 50, 1), 200);
  const page = Math.max(options.page ?? 1, 1);
  const where = { entityType: options.entityType, entityId: options.entityId };
  const [rows, total] = await Promise.all([
    prisma.auditLog.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * pageSize, take: pageSize }),
    prisma.auditLog.count({ where }),
  ]);
  return {
    rows: rows.map((r) => ({ id: r.id, at: r.createdAt, actorEmail: r.actorEmail, action: r.action, entityType: r.entityType, entityId: r.entityId, before: r.before, after: r.after })),
    total,
  };
}
