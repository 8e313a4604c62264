-- CreateTable
CREATE TABLE "UnitStaysVersion" (
    "unitId" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 1,

    CONSTRAINT "UnitStaysVersion_pkey" PRIMARY KEY ("unitId")
);

-- Hand-written (issue #19). Taxes and stay rules join the in-memory catalog: the same statement
-- trigger as the other catalog tables bumps CatalogVersion when the owner edits them.
CREATE TRIGGER "Tax_catalog_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Tax"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER "StayRule_catalog_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "StayRule"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();

-- What blocks a unit's nights (bookings, holds, blocks) bumps that unit's stays version in the
-- writing transaction. Statement triggers over the transition table touch each unit's row once,
-- in unitId order, so two bulk writers (the hold expiry job run twice at once) cannot deadlock on
-- these rows, and single-unit writers already hold the unit's advisory lock. A version never goes
-- down (it starts from the clock and only grows), so a cached window is never taken for current
-- after a reset. The runner splits on semicolons: the bodies spell theirs as \073.
INSERT INTO "UnitStaysVersion" ("unitId", "version")
SELECT id, (extract(epoch FROM clock_timestamp()) * 1000)::bigint FROM "Unit";

CREATE FUNCTION bump_stays_version() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN INSERT INTO "UnitStaysVersion" AS v ("unitId", "version") SELECT "unitId", (extract(epoch FROM clock_timestamp()) * 1000)::bigint FROM (SELECT DISTINCT "unitId" FROM changed_rows) u ORDER BY 1 ON CONFLICT ("unitId") DO UPDATE SET "version" = greatest(v."version" + 1, EXCLUDED."version")\073 RETURN NULL\073 END';
CREATE FUNCTION bump_stays_version_moved() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN INSERT INTO "UnitStaysVersion" AS v ("unitId", "version") SELECT "unitId", (extract(epoch FROM clock_timestamp()) * 1000)::bigint FROM (SELECT "unitId" FROM old_rows UNION SELECT "unitId" FROM new_rows) u ORDER BY 1 ON CONFLICT ("unitId") DO UPDATE SET "version" = greatest(v."version" + 1, EXCLUDED."version")\073 RETURN NULL\073 END';
CREATE FUNCTION bump_all_stays_versions() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN INSERT INTO "UnitStaysVersion" AS v ("unitId", "version") SELECT id, (extract(epoch FROM clock_timestamp()) * 1000)::bigint FROM "Unit" ORDER BY 1 ON CONFLICT ("unitId") DO UPDATE SET "version" = greatest(v."version" + 1, EXCLUDED."version")\073 RETURN NULL\073 END';

CREATE TRIGGER "Booking_stays_version_insert" AFTER INSERT ON "Booking"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_stays_version();
CREATE TRIGGER "Booking_stays_version_update" AFTER UPDATE ON "Booking"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_stays_version_moved();
CREATE TRIGGER "Booking_stays_version_delete" AFTER DELETE ON "Booking"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_stays_version();
CREATE TRIGGER "Booking_stays_version_truncate" AFTER TRUNCATE ON "Booking"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_all_stays_versions();

CREATE TRIGGER "Hold_stays_version_insert" AFTER INSERT ON "Hold"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_stays_version();
CREATE TRIGGER "Hold_stays_version_update" AFTER UPDATE ON "Hold"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_stays_version_moved();
CREATE TRIGGER "Hold_stays_version_delete" AFTER DELETE ON "Hold"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_stays_version();
CREATE TRIGGER "Hold_stays_version_truncate" AFTER TRUNCATE ON "Hold"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_all_stays_versions();

CREATE TRIGGER "Block_stays_version_insert" AFTER INSERT ON "Block"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_stays_version();
CREATE TRIGGER "Block_stays_version_update" AFTER UPDATE ON "Block"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_stays_version_moved();
CREATE TRIGGER "Block_stays_version_delete" AFTER DELETE ON "Block"
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_stays_version();
CREATE TRIGGER "Block_stays_version_truncate" AFTER TRUNCATE ON "Block"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_all_stays_versions();
