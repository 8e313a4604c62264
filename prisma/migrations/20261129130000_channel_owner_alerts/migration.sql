-- Channel sync owner alerts (#17) go out through the outbox. The new values are not used in this
-- migration, so adding them inside its transaction is allowed (PostgreSQL 12+).

-- AlterEnum
ALTER TYPE "OutboxKind" ADD VALUE 'CHANNEL_CONFLICT';
ALTER TYPE "OutboxKind" ADD VALUE 'CHANNEL_FEED_STALE';

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "channelConflictId" TEXT,
ADD COLUMN     "channelFeedId" TEXT;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_channelConflictId_fkey" FOREIGN KEY ("channelConflictId") REFERENCES "ChannelConflict"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_channelFeedId_fkey" FOREIGN KEY ("channelFeedId") REFERENCES "ChannelFeed"("id") ON DELETE SET NULL ON UPDATE CASCADE;
