import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import { Client } from "pg";
import {
  TEST_CRON_SECRET,
  TEST_N8N_ORIGIN,
  TEST_OWNER_API_KEY,
  TEST_ORIGIN,
  TEST_SERVICE_API_KEY,
  TEST_WEBHOOK_SECRET,
  adminDatabaseUrl,
  databaseUrlFor,
} from "./test-env";

// Runs in each integration test file before its imports: a fresh database cloned from the
// migrated template, and the app's environment pointing at it.
const template = process.env.PAC_TEMPLATE_DB;
if (!template) throw new Error("global setup did not prepare the template database");
const dbName = `pac_t_${process.pid}_${randomBytes(4).toString("hex")}`;

const admin = new Client({ connectionString: adminDatabaseUrl() });
await admin.connect();
await admin.query(`CREATE DATABASE "${dbName}" TEMPLATE "${template}"`);
await admin.end();

Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: databaseUrlFor(dbName),
  SERVICE_API_KEY: TEST_SERVICE_API_KEY,
  OWNER_API_KEY: TEST_OWNER_API_KEY,
  CRON_SECRET: TEST_CRON_SECRET,
  STRIPE_SECRET_KEY: "sk_test_emulator",
  STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
  ORIGIN: TEST_ORIGIN,
  N8N_ORIGIN: TEST_N8N_ORIGIN,
  PROPERTY_TIMEZONE: process.env.PROPERTY_TIMEZONE || "America/New_York",
  RATE_LIMIT_MAX: process.env.RATE_LIMIT_MAX ?? "0",
  // Feed fixtures are served on 127.0.0.1.
  CHANNEL_FEED_ALLOW_LOOPBACK: "true",
  // What scripts/server.ts does for its process; tests/support stamps requests with it.
  PALM_SOCKET_STAMP: randomBytes(32).toString("hex"),
  // Most files place many holds for one guest; inventory-protection.test.ts sets the real limits.
  HOLDS_PER_GUEST_MAX: process.env.HOLDS_PER_GUEST_MAX ?? "100",
  RESERVE_RATE_LIMIT_MAX: process.env.RESERVE_RATE_LIMIT_MAX ?? "0",
});

afterAll(async () => {
  const g = globalThis as { __palmPrisma?: { $disconnect(): Promise<void> } };
  await g.__palmPrisma?.$disconnect();
  await (globalThis as { __palmHealthPool?: { end(): Promise<void> } }).__palmHealthPool?.end().catch(() => undefined);
  await (globalThis as { __palmReadPool?: { end(): Promise<void> } }).__palmReadPool?.end().catch(() => undefined);
  const cleanup = new Client({ connectionString: adminDatabaseUrl() });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await cleanup.end();
});
