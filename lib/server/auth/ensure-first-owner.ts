import "server-only";
import { prisma } from "@/lib/server/db/client";

/**
 * Makes OWNER_EMAIL an enabled owner of the console (created when missing). Run at start-up and
 * by the seed, so a fresh deployment can sign in with no other step. Never demotes anyone.
 */
export async function ensureFirstOwner(email: string | undefined): Promise<"created" | "updated" | "unchanged" | "skipped"> {
  if (!email) return "skipped";
  const address = email.toLowerCase();
  const existing = await prisma.user.findUnique({ where: { email: address }, select: { role: true, disabled: true } });
  if (!existing) {
    await prisma.user.upsert({ where: { email: address }, create: { email: address, role: "OWNER", name: "Owner" }, update: {} });
    return "created";
  }
  if (existing.role === "OWNER" && !existing.disabled) return "unchanged";
  await prisma.user.update({ where: { email: address }, data: { role: "OWNER", disabled: false } });
  return "updated";
}
