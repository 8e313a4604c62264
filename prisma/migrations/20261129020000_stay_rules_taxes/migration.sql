-- Stay rules, party size, pets, lodging taxes and the frozen price split of a booking (#13).

-- CreateEnum
CREATE TYPE "FeeAppliesTo" AS ENUM ('STAY', 'PET');

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "petFriendly" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "turnoverDays" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Fee" ADD COLUMN     "appliesTo" "FeeAppliesTo" NOT NULL DEFAULT 'STAY';

-- AlterTable
ALTER TABLE "Hold" ADD COLUMN     "guests" INTEGER,
ADD COLUMN     "pets" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "quote" JSONB,
ADD COLUMN     "turnoverDays" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "baseCents" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "discountCents" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "feesCents" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "guests" INTEGER,
ADD COLUMN     "lineItems" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "pets" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "taxCents" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "taxLines" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "turnoverDays" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Tax" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rateBps" INTEGER NOT NULL,
    "appliesToNightly" BOOLEAN NOT NULL DEFAULT true,
    "appliesToFees" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "maxStayNights" INTEGER,
    "effectiveFrom" DATE,
    "effectiveTo" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tax_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StayRule" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unitId" TEXT,
    "category" "UnitType",
    "startDate" DATE,
    "endDate" DATE,
    "recursAnnually" BOOLEAN NOT NULL DEFAULT true,
    "minNights" INTEGER,
    "maxNights" INTEGER,
    "checkInWeekdays" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "bookingHorizonMonths" INTEGER,
    "sameDayCutoffHour" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StayRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tax_code_key" ON "Tax"("code");

-- CreateIndex
CREATE UNIQUE INDEX "StayRule_name_key" ON "StayRule"("name");

-- AddForeignKey
ALTER TABLE "StayRule" ADD CONSTRAINT "StayRule_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Bookings made before taxes existed: their whole total was the nightly charge as far as the
-- split can tell (fees were not recorded separately), and no tax was charged.
UPDATE "Booking" SET "baseCents" = "totalCents";
ALTER TABLE "Booking" ALTER COLUMN "baseCents" DROP DEFAULT,
  ALTER COLUMN "discountCents" DROP DEFAULT,
  ALTER COLUMN "feesCents" DROP DEFAULT,
  ALTER COLUMN "taxCents" DROP DEFAULT;

-- The overlap constraints now include the turnover days after each stay: a stay blocks the
-- nights [checkIn, checkOut + turnoverDays), so the next check-in cannot fall on a turnover day,
-- whatever the application code does.
ALTER TABLE "Hold" DROP CONSTRAINT "Hold_no_overlap_active";
ALTER TABLE "Hold"
  ADD CONSTRAINT "Hold_no_overlap_active"
  EXCLUDE USING gist ("unitId" WITH =, daterange("checkIn", "checkOut" + "turnoverDays", '[)') WITH &&)
  WHERE (status = 'ACTIVE');
ALTER TABLE "Booking" DROP CONSTRAINT "Booking_no_overlap_confirmed";
ALTER TABLE "Booking"
  ADD CONSTRAINT "Booking_no_overlap_confirmed"
  EXCLUDE USING gist ("unitId" WITH =, daterange("checkIn", "checkOut" + "turnoverDays", '[)') WITH &&)
  WHERE (status = 'CONFIRMED');

ALTER TABLE "Unit" ADD CONSTRAINT "Unit_turnoverDays_check" CHECK ("turnoverDays" BETWEEN 0 AND 14);
ALTER TABLE "Hold" ADD CONSTRAINT "Hold_party_check" CHECK (("guests" IS NULL OR "guests" >= 1) AND "pets" BETWEEN 0 AND 2 AND "turnoverDays" BETWEEN 0 AND 14);
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_party_check" CHECK (("guests" IS NULL OR "guests" >= 1) AND "pets" BETWEEN 0 AND 2 AND "turnoverDays" BETWEEN 0 AND 14);
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_split_check" CHECK (
  "baseCents" >= 0 AND "discountCents" >= 0 AND "feesCents" >= 0 AND "taxCents" >= 0
);
ALTER TABLE "Tax" ADD CONSTRAINT "Tax_values_check" CHECK (
  "rateBps" BETWEEN 0 AND 10000 AND ("maxStayNights" IS NULL OR "maxStayNights" >= 1) AND
  ("effectiveFrom" IS NULL OR "effectiveTo" IS NULL OR "effectiveTo" >= "effectiveFrom")
);
ALTER TABLE "StayRule" ADD CONSTRAINT "StayRule_values_check" CHECK (
  NOT ("unitId" IS NOT NULL AND "category" IS NOT NULL) AND
  ("startDate" IS NULL) = ("endDate" IS NULL) AND
  ("minNights" IS NULL OR "minNights" >= 1) AND ("maxNights" IS NULL OR "maxNights" >= 1) AND
  ("bookingHorizonMonths" IS NULL OR "bookingHorizonMonths" >= 0) AND
  ("sameDayCutoffHour" IS NULL OR "sameDayCutoffHour" BETWEEN 0 AND 24) AND
  "checkInWeekdays" <@ ARRAY[0, 1, 2, 3, 4, 5, 6]
);

-- Note: SQL comments in this file avoid apostrophes, which the migration statement splitter
-- mistakes for string quotes, and semicolons, which it takes for statement ends.
