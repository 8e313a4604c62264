import "server-only";
import { prisma } from "@/lib/server/db/client";
import { expireStaleHolds } from "@/lib/server/holds/expire-stale-holds";

/** Marks ACTIVE holds whose expiresAt has passed as EXPIRED; returns how many. */
export async function expireHolds(options: { now?: Date } = {}): Promise<{ expired: number }> {
  const now = options.now ?? new Date();
  const expired = await prisma.$transaction((tx) => expireStaleHolds(tx, { now }));
  return { expired };
}
