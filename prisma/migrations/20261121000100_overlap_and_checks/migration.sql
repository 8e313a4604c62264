-- Overlap protection and value checks that the Prisma schema language cannot express.
-- Stays are half-open date ranges [checkIn, checkOut): a check-out day may be the check-in day of the
-- next guest. The EXCLUDE constraints are the last word on double booking, whatever the
-- application code does.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- No two ACTIVE holds of one unit overlap.
ALTER TABLE "Hold"
  ADD CONSTRAINT "Hold_no_overlap_active"
  EXCLUDE USING gist ("unitId" WITH =, daterange("checkIn", "checkOut", '[)') WITH &&)
  WHERE (status = 'ACTIVE');

-- No two CONFIRMED bookings of one unit overlap.
ALTER TABLE "Booking"
  ADD CONSTRAINT "Booking_no_overlap_confirmed"
  EXCLUDE USING gist ("unitId" WITH =, daterange("checkIn", "checkOut", '[)') WITH &&)
  WHERE (status = 'CONFIRMED');

ALTER TABLE "Hold" ADD CONSTRAINT "Hold_dates_check" CHECK ("checkOut" > "checkIn");
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_dates_check" CHECK ("checkOut" > "checkIn");
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_totalCents_check" CHECK ("totalCents" >= 0);
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_amountCents_check" CHECK ("amountCents" >= 0);
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_amountCents_check" CHECK ("amountCents" >= 0);
ALTER TABLE "Fee" ADD CONSTRAINT "Fee_amount_check" CHECK ("amount" >= 0);
ALTER TABLE "RatePlan" ADD CONSTRAINT "RatePlan_amounts_check" CHECK (
  ("nightly" IS NULL OR "nightly" >= 0) AND
  ("weekly" IS NULL OR "weekly" >= 0) AND
  ("monthly" IS NULL OR "monthly" >= 0) AND
  ("fourMonth" IS NULL OR "fourMonth" >= 0)
);
-- A plan belongs to exactly one unit or one category, never both or neither.
ALTER TABLE "RatePlan" ADD CONSTRAINT "RatePlan_owner_check" CHECK (("unitId" IS NULL) <> ("category" IS NULL));
ALTER TABLE "Season" ADD CONSTRAINT "Season_discountPct_check" CHECK ("discountPct" BETWEEN 0 AND 100);
ALTER TABLE "Season" ADD CONSTRAINT "Season_dates_check" CHECK ("endDate" >= "startDate");
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_capacity_check" CHECK ("capacity" >= 1);

-- Note: SQL comments in this file avoid apostrophes, which the migration statement splitter
-- mistakes for string quotes.
