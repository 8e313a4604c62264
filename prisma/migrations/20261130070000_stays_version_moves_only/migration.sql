-- Hand-written (issue #19). An UPDATE bumped the stays version of every unit it touched, whatever
-- it changed: recording a PaymentIntent on a hold, stamping a cancelled intent, a refund on a
-- booking, a feed's new SUMMARY on a block. Each such write made every process reload every kept
-- window, and the expiry job's intent stamps took the version rows' locks for nothing. Now an
-- UPDATE bumps a unit only when a row's unit or something that decides which nights it blocks
-- changed (the columns blockingStaysSql reads): a row whose id is not matched on the other side is
-- counted as moved. The runner splits on semicolons: the bodies spell theirs as \073.

CREATE FUNCTION bump_stays_version_hold_moved() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN INSERT INTO "UnitStaysVersion" AS v ("unitId", "version") SELECT "unitId", (extract(epoch FROM clock_timestamp()) * 1000)::bigint FROM (SELECT o."unitId" FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id WHERE n.id IS NULL OR (o."unitId", o.status, o."checkIn", o."checkOut", o."turnoverDays", o."expiresAt") IS DISTINCT FROM (n."unitId", n.status, n."checkIn", n."checkOut", n."turnoverDays", n."expiresAt") UNION SELECT n."unitId" FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id WHERE o.id IS NULL OR (o."unitId", o.status, o."checkIn", o."checkOut", o."turnoverDays", o."expiresAt") IS DISTINCT FROM (n."unitId", n.status, n."checkIn", n."checkOut", n."turnoverDays", n."expiresAt")) u ORDER BY 1 ON CONFLICT ("unitId") DO UPDATE SET "version" = greatest(v."version" + 1, EXCLUDED."version")\073 RETURN NULL\073 END';

CREATE FUNCTION bump_stays_version_booking_moved() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN INSERT INTO "UnitStaysVersion" AS v ("unitId", "version") SELECT "unitId", (extract(epoch FROM clock_timestamp()) * 1000)::bigint FROM (SELECT o."unitId" FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id WHERE n.id IS NULL OR (o."unitId", o.status, o."checkIn", o."checkOut", o."turnoverDays") IS DISTINCT FROM (n."unitId", n.status, n."checkIn", n."checkOut", n."turnoverDays") UNION SELECT n."unitId" FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id WHERE o.id IS NULL OR (o."unitId", o.status, o."checkIn", o."checkOut", o."turnoverDays") IS DISTINCT FROM (n."unitId", n.status, n."checkIn", n."checkOut", n."turnoverDays")) u ORDER BY 1 ON CONFLICT ("unitId") DO UPDATE SET "version" = greatest(v."version" + 1, EXCLUDED."version")\073 RETURN NULL\073 END';

CREATE FUNCTION bump_stays_version_block_moved() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN INSERT INTO "UnitStaysVersion" AS v ("unitId", "version") SELECT "unitId", (extract(epoch FROM clock_timestamp()) * 1000)::bigint FROM (SELECT o."unitId" FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id WHERE n.id IS NULL OR (o."unitId", o."startDate", o."endDate") IS DISTINCT FROM (n."unitId", n."startDate", n."endDate") UNION SELECT n."unitId" FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id WHERE o.id IS NULL OR (o."unitId", o."startDate", o."endDate") IS DISTINCT FROM (n."unitId", n."startDate", n."endDate")) u ORDER BY 1 ON CONFLICT ("unitId") DO UPDATE SET "version" = greatest(v."version" + 1, EXCLUDED."version")\073 RETURN NULL\073 END';

DROP TRIGGER "Hold_stays_version_update" ON "Hold";
CREATE TRIGGER "Hold_stays_version_update" AFTER UPDATE ON "Hold"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_stays_version_hold_moved();
DROP TRIGGER "Booking_stays_version_update" ON "Booking";
CREATE TRIGGER "Booking_stays_version_update" AFTER UPDATE ON "Booking"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_stays_version_booking_moved();
DROP TRIGGER "Block_stays_version_update" ON "Block";
CREATE TRIGGER "Block_stays_version_update" AFTER UPDATE ON "Block"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_stays_version_block_moved();
DROP FUNCTION bump_stays_version_moved();
