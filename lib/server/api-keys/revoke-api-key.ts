import "server-only";
import { now as clockNow } from "@/lib/clock";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors";

/** Revokes the live key with this name; it stops working on the next request. */
export async function revokeApiKey(db: Db, options: { name: string; now?: Date }): Promise<{ id: string; name: string; revokedAt: Date }> {
  const name = options.name.trim().toLowerCase();
  const revokedAt = options.now ?? clockNow();
  const live = await db.apiKey.findFirst({ where: { name, revokedAt: null }, select: { id: true } });
  if (!live) throw new AppError("NOT_FOUND", `There is no live key named ${name}.`);
  const result = await db.apiKey.updateMany({ where: { id: live.id, revokedAt: null }, data: { revokedAt } });
  if (result.count === 0) throw new AppError("NOT_FOUND", `There is no live key named ${name}.`);
  return { id: live.id, name, revokedAt };
}
