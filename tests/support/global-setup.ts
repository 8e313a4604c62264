import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { postgresAnswers } from "./services";
import { adminDatabaseUrl, databaseUrlFor } from "./test-env";

/**
 * The PostgreSQL the run uses: the one at TEST_DATABASE_URL (default 127.0.0.1:5432) when it
 * answers; otherwise, outside CI, a throwaway embedded one; otherwise one sentence saying what to
 * install. In CI (CI=true) a missing database is a failure of the machine, never papered over.
 */
async function ensurePostgres(): Promise<EmbeddedPostgres | undefined> {
  const configured = adminDatabaseUrl();
  if (await postgresAnswers(configured)) return undefined;
  const where = new URL(configured).host;
  if (process.env.CI === "true" || process.env.CI === "1") {
    throw new Error(`No PostgreSQL answers at ${where} (TEST_DATABASE_URL); CI must start one before the tests (see .ci/run).`);
  }
  try {
    const embedded = await startEmbeddedPostgres();
    // Inherited by the test workers, which read it through tests/support/test-env.ts.
    process.env.TEST_DATABASE_URL = embedded.url;
    console.log(`No PostgreSQL at ${where}: using a throwaway embedded PostgreSQL at ${new URL(embedded.url).host}.`);
    return embedded;
  } catch (error) {
    throw new Error(
      `No PostgreSQL answers at ${where} and the embedded one could not start (${(error as Error).message.split("\n")[0]}): ` +
        "install PostgreSQL 15 or later with its contrib modules (apt-get install postgresql) or point TEST_DATABASE_URL at one.",
    );
  }
}

// Migrates one template database per version of the migrations; each test file then gets its
// own copy (CREATE DATABASE ... TEMPLATE), which takes milliseconds and lets files run in parallel.
export default async function globalSetup() {
  const embedded = await ensurePostgres();
  try {
    await prepareTemplate();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return async () => {
    await embedded?.stop();
  };
}

async function prepareTemplate() {
  const root = path.resolve(__dirname, "../..");
  const migrationsDir = path.join(root, "prisma", "migrations");
  const hash = createHash("sha256");
  for (const dir of readdirSync(migrationsDir).sort()) {
    const file = path.join(migrationsDir, dir, "migration.sql");
    try {
      hash.update(dir).update(readFileSync(file));
    } catch {
      // migration_lock.toml and other plain files
    }
  }
  const template = `pac_template_${hash.digest("hex").slice(0, 12)}`;

  const admin = new Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${template}_tmp"`).catch(async () => {
        await admin.query(`DROP DATABASE IF EXISTS "${template}_tmp" WITH (FORCE)`);
        await admin.query(`CREATE DATABASE "${template}_tmp"`);
      });
      execFileSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
        cwd: root,
        // DIRECT_URL too: prisma.config.ts migrates over it when set (a developer's .env.local).
        env: { ...process.env, DATABASE_URL: databaseUrlFor(`${template}_tmp`), DIRECT_URL: databaseUrlFor(`${template}_tmp`) },
        stdio: "pipe",
      });
      // Renamed only once complete, so an interrupted run never leaves a half-migrated template.
      await admin.query(`ALTER DATABASE "${template}_tmp" RENAME TO "${template}"`);
    }
  } finally {
    await admin.end();
  }
  process.env.PAC_TEMPLATE_DB = template;
}
