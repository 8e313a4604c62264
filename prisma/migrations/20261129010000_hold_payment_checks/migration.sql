-- AlterTable
ALTER TABLE "Hold" ADD COLUMN     "intentCancelledAt" TIMESTAMP(3),
ADD COLUMN     "quotedCents" INTEGER,
ADD COLUMN     "quotedCurrency" TEXT;

