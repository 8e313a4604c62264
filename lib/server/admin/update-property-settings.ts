import "server-only";
import type { z } from "zod";
import type { propertySettingsBody } from "@/lib/api/schemas/admin";
import type { AdminUser } from "@/lib/server/auth/session";
import { prisma } from "@/lib/server/db/client";
import { recordAudit } from "./record-audit";

/** Saves the property's public facts (site, emails, chatbot) and logs the change. */
export async function updatePropertySettings(options: { values: z.infer<typeof propertySettingsBody>; actor: AdminUser }): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = await tx.propertySettings.findUnique({ where: { id: 1 } });
    await tx.propertySettings.upsert({ where: { id: 1 }, create: { id: 1, ...options.values }, update: options.values });
    const { updatedAt: _u, id: _id, ...rest } = before ?? { updatedAt: null, id: 1 };
    await recordAudit(tx, options.actor, { action: "Property settings changed", entityType: "PropertySettings", entityId: "1", before: before ? rest : null, after: options.values });
  });
}
