-- Manual bookings from the owner console (#16): offline payments, the engine's price beside an
-- owner's override, the agreed price of a payment-link hold, and the payment-link email.

-- CreateEnum
CREATE TYPE "BookingSource" AS ENUM ('ONLINE', 'CONSOLE');

-- AlterEnum
ALTER TYPE "OutboxKind" ADD VALUE 'PAYMENT_LINK';

-- AlterTable
ALTER TABLE "Hold" ADD COLUMN     "consolePrice" JSONB;

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "engineTotalCents" INTEGER,
ADD COLUMN     "source" "BookingSource" NOT NULL DEFAULT 'ONLINE';

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "method" TEXT,
ALTER COLUMN "stripeIntentId" DROP NOT NULL;

-- A payment is either a card payment (its PaymentIntent) or an offline one (how it was paid), never both or neither.
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_card_or_offline" CHECK (("stripeIntentId" IS NULL) <> ("method" IS NULL));
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_engineTotalCents_check" CHECK ("engineTotalCents" IS NULL OR "engineTotalCents" >= 0);
