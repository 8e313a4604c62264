-- Hand-written (issue #16, owner console): taxes and stay rules bump the catalog version too.
-- Quote and search read them fresh in their one statement today, so nothing cached goes stale;
-- but the catalog is meant to take them over (docs/decisions.md, #19), and a change the owner
-- saves in the console must reach the very next quote whichever path reads it then.
CREATE TRIGGER "Tax_catalog_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Tax"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
CREATE TRIGGER "StayRule_catalog_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "StayRule"
  FOR EACH STATEMENT EXECUTE FUNCTION bump_catalog_version();
