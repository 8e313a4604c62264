-- CreateEnum
CREATE TYPE "BlockKind" AS ENUM ('OWNER', 'EXTERNAL');

-- CreateTable
CREATE TABLE "Block" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "kind" "BlockKind" NOT NULL,
    "feedId" TEXT,
    "externalUid" TEXT,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Block_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelFeed" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "lastAttemptAt" TIMESTAMP(3),
    "lastSuccessAt" TIMESTAMP(3),
    "lastChangeAt" TIMESTAMP(3),
    "lastError" TEXT,
    "eventCount" INTEGER NOT NULL DEFAULT 0,
    "etag" TEXT,
    "lastModified" TEXT,
    "staleAlertedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelFeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelConflict" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "feedId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "externalUid" TEXT NOT NULL,
    "blockStart" DATE NOT NULL,
    "blockEnd" DATE NOT NULL,
    "stayKind" TEXT NOT NULL,
    "stayId" TEXT NOT NULL,
    "stayStart" DATE NOT NULL,
    "stayEnd" DATE NOT NULL,
    "detectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "alertedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "ChannelConflict_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelExportToken" (
    "id" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ChannelExportToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Block_unitId_endDate_idx" ON "Block"("unitId", "endDate");

-- CreateIndex
CREATE UNIQUE INDEX "Block_feedId_externalUid_key" ON "Block"("feedId", "externalUid");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelFeed_unitId_url_key" ON "ChannelFeed"("unitId", "url");

-- CreateIndex
CREATE INDEX "ChannelConflict_resolvedAt_idx" ON "ChannelConflict"("resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelConflict_feedId_externalUid_stayId_key" ON "ChannelConflict"("feedId", "externalUid", "stayId");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelExportToken_tokenHash_key" ON "ChannelExportToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ChannelExportToken_unitId_channel_idx" ON "ChannelExportToken"("unitId", "channel");

-- AddForeignKey
ALTER TABLE "Block" ADD CONSTRAINT "Block_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Block" ADD CONSTRAINT "Block_feedId_fkey" FOREIGN KEY ("feedId") REFERENCES "ChannelFeed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelFeed" ADD CONSTRAINT "ChannelFeed_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelExportToken" ADD CONSTRAINT "ChannelExportToken_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Constraints the Prisma schema language cannot express (issue 17).
ALTER TABLE "Block" ADD CONSTRAINT "Block_dates_check" CHECK ("endDate" > "startDate");
-- An EXTERNAL block always names its feed and event, an OWNER block never does.
ALTER TABLE "Block" ADD CONSTRAINT "Block_kind_check" CHECK (
  ("kind" = 'EXTERNAL' AND "feedId" IS NOT NULL AND "externalUid" IS NOT NULL) OR
  ("kind" = 'OWNER' AND "feedId" IS NULL AND "externalUid" IS NULL)
);
-- Owner blocks of one unit never overlap each other. Imported blocks may overlap anything: the
-- other channel already sold those nights, so they are recorded, never refused.
ALTER TABLE "Block"
  ADD CONSTRAINT "Block_no_overlap_owner"
  EXCLUDE USING gist ("unitId" WITH =, daterange("startDate", "endDate", '[)') WITH &&)
  WHERE ("kind" = 'OWNER');
CREATE INDEX "Block_unit_nights_idx" ON "Block" USING gist ("unitId", daterange("startDate", "endDate", '[)'));
ALTER TABLE "ChannelFeed" ADD CONSTRAINT "ChannelFeed_eventCount_check" CHECK ("eventCount" >= 0);
ALTER TABLE "ChannelConflict" ADD CONSTRAINT "ChannelConflict_stayKind_check" CHECK ("stayKind" IN ('booking', 'hold'));
