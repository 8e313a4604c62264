import "server-only";
import { now as clockNow } from "@/lib/clock";
import { prisma } from "@/lib/server/db/client";

/** Marks ACTIVE holds whose expiresAt has passed as EXPIRED; returns how many. */
export async function expireHolds(options: { now?: Date } = {}): Promise<{ expired: number }> {
  const now = options.now ?? clockNow();
  const result = await prisma.hold.updateMany({
    where: { status: "ACTIVE", expiresAt: { lte: now } },
    data: { status: "EXPIRED" },
  });
  return { expired: result.count };
}
