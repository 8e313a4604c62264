-- Guest communications (#15): booking codes, guest snapshots on holds and bookings, manage-link
-- tokens and the email outbox.

-- A booking code PAC-XXXXXX from an alphabet without 0/O, 1/I/L or U, drawn from gen_random_uuid()
-- (a cryptographic generator). The app draws its own codes with node:crypto, and this default fills
-- the bookings that existed before codes did, and any row inserted by hand. Two random bytes per
-- character keep the modulo bias below 0.03%.
-- One statement without inner semicolons: the migration runner splits the file on them.
CREATE FUNCTION pac_booking_code() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT 'PAC-' || string_agg(substr('23456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + ((get_byte(r.b, 2 * i) * 256 + get_byte(r.b, 2 * i + 1)) % 30), 1), '' ORDER BY i)
  FROM (SELECT decode(replace(gen_random_uuid()::text, '-', ''), 'hex') AS b) AS r, generate_series(0, 5) AS i
$$;

-- CreateEnum
CREATE TYPE "OutboxKind" AS ENUM ('BOOKING_CONFIRMED', 'BOOKING_CANCELLED', 'LATE_PAYMENT_REFUNDED', 'HOLD_EXPIRED_WHILE_PAYING', 'PRE_ARRIVAL');

-- CreateEnum
CREATE TYPE "OutboxRecipient" AS ENUM ('GUEST', 'OWNER');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENT', 'FAILED', 'SKIPPED');

-- AlterTable
ALTER TABLE "Hold" ADD COLUMN     "guestFirstName" TEXT,
ADD COLUMN     "guestLastName" TEXT,
ADD COLUMN     "guestPhone" TEXT;

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "code" TEXT NOT NULL DEFAULT pac_booking_code(),
ADD COLUMN     "guestFirstName" TEXT,
ADD COLUMN     "guestLastName" TEXT,
ADD COLUMN     "guestPhone" TEXT;

-- CreateTable
CREATE TABLE "BookingManageToken" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BookingManageToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "kind" "OutboxKind" NOT NULL,
    "recipient" "OutboxRecipient" NOT NULL,
    "bookingId" TEXT,
    "refundId" TEXT,
    "holdId" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "dedupeKey" TEXT,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "messageId" TEXT NOT NULL,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BookingManageToken_tokenHash_key" ON "BookingManageToken"("tokenHash");

-- CreateIndex
CREATE INDEX "BookingManageToken_bookingId_idx" ON "BookingManageToken"("bookingId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_messageId_key" ON "OutboxMessage"("messageId");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_bookingId_idx" ON "OutboxMessage"("bookingId");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_code_key" ON "Booking"("code");

-- AddForeignKey
ALTER TABLE "BookingManageToken" ADD CONSTRAINT "BookingManageToken_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: facts Prisma cannot express.
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_code_format" CHECK ("code" ~ '^PAC-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{6}$');
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_attempts_nonnegative" CHECK ("attempts" >= 0);
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_sent_has_time" CHECK (("status" = 'SENT') = ("sentAt" IS NOT NULL));
-- The sender's claim query: due PENDING rows in order.
CREATE INDEX "OutboxMessage_pending_due_idx" ON "OutboxMessage"("nextAttemptAt") WHERE "status" = 'PENDING';
