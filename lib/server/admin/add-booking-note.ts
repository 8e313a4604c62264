import "server-only";
import type { AdminUser } from "@/lib/server/auth/session";
import { prisma } from "@/lib/server/db/client";
import { bookingNotFound } from "@/lib/server/errors";
import { recordAudit } from "./record-audit";

/** Adds an internal note to a booking (never shown to the guest), and logs it. */
export async function addBookingNote(options: { bookingId: string; text: string; actor: AdminUser }): Promise<{ noteId: string }> {
  return prisma.$transaction(async (tx) => {
    const booking = await tx.booking.findUnique({ where: { id: options.bookingId }, select: { id: true } });
    if (!booking) throw bookingNotFound();
    const note = await tx.bookingNote.create({
      data: { bookingId: booking.id, authorId: options.actor.id, authorEmail: options.actor.email, text: options.text },
    });
    await recordAudit(tx, options.actor, { action: "Internal note added", entityType: "Booking", entityId: booking.id, after: { text: options.text } });
    return { noteId: note.id };
  });
}
