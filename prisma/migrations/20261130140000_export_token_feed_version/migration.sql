-- Hand-written (issue #19). Each process keeps the channel export tokens it has checked, with
-- the unit's feed version at that moment, so an unchanged export can be answered from a version
-- check shared with other requests. Revoking or deleting a token (or moving it to another unit)
-- must therefore move that version too: then the next request checks the token again in its own
-- statement and a revoked URL stops at once, in every process. A new token needs no bump (no
-- process has it yet).
CREATE TRIGGER "ChannelExportToken_feed_version" AFTER UPDATE OR DELETE ON "ChannelExportToken"
  FOR EACH ROW EXECUTE FUNCTION bump_unit_feed_version();
CREATE TRIGGER "ChannelExportToken_feed_version_truncate" AFTER TRUNCATE ON "ChannelExportToken"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_all_feed_versions();
