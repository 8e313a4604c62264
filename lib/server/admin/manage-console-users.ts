import "server-only";
import type { AdminRole } from "@prisma/client";
import type { AdminUser } from "@/lib/server/auth/session";
import { prisma } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";
import { recordAudit } from "./record-audit";

export async function listConsoleUsers() {
  return prisma.user.findMany({ select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true }, orderBy: [{ role: "asc" }, { email: "asc" }] });
}

/** Lets someone into the console (they sign in with a link sent to this address). */
export async function addConsoleUser(options: { email: string; name?: string; role: AdminRole; actor: AdminUser }): Promise<{ userId: string }> {
  return prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: options.email } })) {
      throw new AppError("CONFLICT", "That address can already use the console.");
    }
    const user = await tx.user.create({ data: { email: options.email, name: options.name ?? null, role: options.role } });
    await recordAudit(tx, options.actor, { action: "Console user added", entityType: "User", entityId: user.id, after: { email: user.email, role: user.role } });
    return { userId: user.id };
  });
}

/**
 * Changes someone's role or turns their access off (their sessions end at once: a disabled
 * user's session is refused). The last enabled owner cannot be demoted or disabled.
 */
export async function updateConsoleUser(options: { userId: string; role?: AdminRole; disabled?: boolean; actor: AdminUser }): Promise<void> {
  await prisma.$transaction(async (tx) => {
    // Serialises changes to console users, so two owners demoting each other at once cannot
    // leave the property with none.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('palm:console-users'))`;
    const user = await tx.user.findUnique({ where: { id: options.userId } });
    if (!user) throw new AppError("NOT_FOUND", "No console user with that id exists.");
    const role = options.role ?? user.role;
    const disabled = options.disabled ?? user.disabled;
    if (user.role === "OWNER" && !user.disabled && (role !== "OWNER" || disabled)) {
      const owners = await tx.user.count({ where: { role: "OWNER", disabled: false } });
      if (owners <= 1) throw new AppError("CONFLICT", "The property needs at least one owner who can sign in.");
    }
    await tx.user.update({ where: { id: user.id }, data: { role, disabled } });
    if (disabled) await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, options.actor, { action: "Console user changed", entityType: "User", entityId: user.id, before: { role: user.role, disabled: user.disabled }, after: { role, disabled } });
  });
}
