import "server-only";
import { prisma } from "@/lib/server/db/client";

export interface FailedMessage {
  id: string;
  kind: string;
  recipient: "GUEST" | "OWNER";
  bookingId: string | null;
  bookingCode: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Emails the sender gave up on, newest first (for the owner console). */
export async function listFailedMessages(options: { limit?: number } = {}): Promise<FailedMessage[]> {
  const rows = await prisma.outboxMessage.findMany({
    where: { status: "FAILED" },
    orderBy: { updatedAt: "desc" },
    take: options.limit ?? 100,
    select: {
      id: true,
      kind: true,
      recipient: true,
      bookingId: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      updatedAt: true,
      booking: { select: { code: true } },
    },
  });
  return rows.map(({ booking, ...row }) => ({ ...row, bookingCode: booking?.code ?? null }));
}
