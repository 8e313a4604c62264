-- CreateEnum
CREATE TYPE "CancelActor" AS ENUM ('GUEST', 'OWNER', 'CHATBOT');

-- CreateEnum
CREATE TYPE "RefundKind" AS ENUM ('CANCELLATION', 'OWNER', 'DASHBOARD');

-- CreateEnum
CREATE TYPE "RefundStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'PROCESSING', 'FAILED');

-- AlterTable
ALTER TABLE "Hold" ADD COLUMN     "cancellationTerms" JSONB;

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "cancellationPolicy" JSONB,
ADD COLUMN     "cancelledBy" "CancelActor",
ADD COLUMN     "refundedCents" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CancellationPolicy" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unitId" TEXT,
    "category" "UnitType",
    "tiers" JSONB NOT NULL,
    "refundFeesBeforeArrival" BOOLEAN NOT NULL DEFAULT true,
    "graceHours" INTEGER NOT NULL DEFAULT 48,
    "graceMinDaysBefore" INTEGER NOT NULL DEFAULT 14,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CancellationPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BookingRefund" (
    "id" TEXT NOT NULL,
    "bookingId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "kind" "RefundKind" NOT NULL,
    "status" "RefundStatus" NOT NULL DEFAULT 'PENDING',
    "requestedBy" "CancelActor",
    "reason" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "stripeRefundId" TEXT,
    "failureReason" TEXT,
    "needsAttention" BOOLEAN NOT NULL DEFAULT false,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BookingRefund_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CancellationPolicy_name_key" ON "CancellationPolicy"("name");

-- CreateIndex
CREATE UNIQUE INDEX "CancellationPolicy_unitId_key" ON "CancellationPolicy"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "CancellationPolicy_category_key" ON "CancellationPolicy"("category");

-- CreateIndex
CREATE UNIQUE INDEX "BookingRefund_idempotencyKey_key" ON "BookingRefund"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "BookingRefund_stripeRefundId_key" ON "BookingRefund"("stripeRefundId");

-- CreateIndex
CREATE INDEX "BookingRefund_status_idx" ON "BookingRefund"("status");

-- CreateIndex
CREATE UNIQUE INDEX "BookingRefund_bookingId_sequence_key" ON "BookingRefund"("bookingId", "sequence");

-- AddForeignKey
ALTER TABLE "CancellationPolicy" ADD CONSTRAINT "CancellationPolicy_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingRefund" ADD CONSTRAINT "BookingRefund_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: what Prisma cannot express.

-- At most one property-wide default policy (neither unit nor category).
CREATE UNIQUE INDEX "CancellationPolicy_single_default" ON "CancellationPolicy" ((true)) WHERE "unitId" IS NULL AND "category" IS NULL;
-- A policy is for a unit or for a category, never both.
ALTER TABLE "CancellationPolicy" ADD CONSTRAINT "CancellationPolicy_unit_or_category" CHECK ("unitId" IS NULL OR "category" IS NULL);
ALTER TABLE "CancellationPolicy" ADD CONSTRAINT "CancellationPolicy_grace_valid" CHECK ("graceHours" >= 0 AND "graceMinDaysBefore" >= 0);

-- The sum of a booking's live refunds never exceeds what was captured: every refund adds to
-- refundedCents in the transaction that records it, so this is the last word under concurrency.
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_refunded_within_paid" CHECK ("refundedCents" >= 0 AND "refundedCents" <= "totalCents");
ALTER TABLE "BookingRefund" ADD CONSTRAINT "BookingRefund_amount_positive" CHECK ("amountCents" > 0);
ALTER TABLE "BookingRefund" ADD CONSTRAINT "BookingRefund_sequence_positive" CHECK ("sequence" >= 1);
-- Cancelled bookings say when and by whom.
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_cancelled_by_when" CHECK ("cancelledBy" IS NULL OR "cancelledAt" IS NOT NULL);
