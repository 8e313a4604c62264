-- CreateTable
CREATE TABLE "CatalogVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 1,

    CONSTRAINT "CatalogVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitFeedVersion" (
    "unitId" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 1,

    CONSTRAINT "UnitFeedVersion_pkey" PRIMARY KEY ("unitId")
);


-- Hand-written (issue #19): the triggers that keep both versions true. They run in the
-- transaction that makes the change, so a reader sees the new version exactly when it can see
-- the new rows, and the very next request after the commit reloads. The migration runner splits
-- the file on semicolons, so the function bodies spell theirs as \073 inside E'' strings.

-- Starts from the clock rather than 1, so a process that somehow met two databases never
-- mistakes one's version for the other's.
INSERT INTO "CatalogVersion" ("id", "version")
VALUES (1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint);

CREATE FUNCTION bump_catalog_version() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN INSERT INTO "CatalogVersion" ("id", "version") VALUES (1, 1) ON CONFLICT ("id") DO UPDATE SET "version" = "CatalogVersion"."version" + 1\073 RETURN NULL\073 END';

-- Statement-level: a bulk edit bumps once. TRUNCATE included (tests and resets use it).
CREATE TRIGGER "Unit_catalog_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Unit"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER "RatePlan_catalog_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RatePlan"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER "Season_catalog_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Season"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER "Fee_catalog_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Fee"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER "CancellationPolicy_catalog_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CancellationPolicy"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER "PropertySettings_catalog_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "PropertySettings"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();

-- Row-level: the feed of each unit whose bookings changed (both units when a booking moves).
-- Writers of a unit's bookings already hold the unit's advisory lock, so this row adds no wait.
CREATE FUNCTION bump_unit_feed_version() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN IF TG_OP <> ''INSERT'' THEN INSERT INTO "UnitFeedVersion" ("unitId") VALUES (OLD."unitId") ON CONFLICT ("unitId") DO UPDATE SET "version" = "UnitFeedVersion"."version" + 1\073 END IF\073 IF TG_OP <> ''DELETE'' AND (TG_OP = ''INSERT'' OR NEW."unitId" IS DISTINCT FROM OLD."unitId") THEN INSERT INTO "UnitFeedVersion" ("unitId") VALUES (NEW."unitId") ON CONFLICT ("unitId") DO UPDATE SET "version" = "UnitFeedVersion"."version" + 1\073 END IF\073 RETURN NULL\073 END';

CREATE TRIGGER "Booking_feed_version" AFTER INSERT OR UPDATE OR DELETE ON "Booking"
  FOR EACH ROW EXECUTE FUNCTION bump_unit_feed_version();
CREATE FUNCTION bump_all_feed_versions() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN UPDATE "UnitFeedVersion" SET "version" = "version" + 1\073 RETURN NULL\073 END';
CREATE TRIGGER "Booking_feed_version_truncate" AFTER TRUNCATE ON "Booking"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_all_feed_versions();

-- Owner and imported blocks are in the feeds too (channel sync, #17), and a feed's channel decides
-- which imported blocks each channel's export shows.
CREATE TRIGGER "Block_feed_version" AFTER INSERT OR UPDATE OR DELETE ON "Block"
  FOR EACH ROW EXECUTE FUNCTION bump_unit_feed_version();
CREATE TRIGGER "Block_feed_version_truncate" AFTER TRUNCATE ON "Block"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_all_feed_versions();
CREATE TRIGGER "ChannelFeed_feed_version" AFTER UPDATE OF "channel", "unitId" ON "ChannelFeed"
  FOR EACH ROW EXECUTE FUNCTION bump_unit_feed_version();
