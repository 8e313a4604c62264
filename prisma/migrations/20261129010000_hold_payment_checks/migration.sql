-- AlterTable
ALTER TABLE "Hold" ADD COLUMN     "guestKey" TEXT,
ADD COLUMN     "intentCancelledAt" TIMESTAMP(3),
ADD COLUMN     "quotedCents" INTEGER,
ADD COLUMN     "quotedCurrency" TEXT;

-- CreateIndex
CREATE INDEX "Hold_guestKey_status_idx" ON "Hold"("guestKey", "status");

