import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { Client } from "pg";
import { startStripeEmulator, type StripeEmulator } from "../../tools/stripe-emulator/emulator";
import { startSmtpCatcher, type SmtpCatcher } from "../support/smtp-catcher";
import globalTeardown from "./global-teardown";

// Once per run: a fresh database (migrated and seeded), the Stripe emulator, a production build
// in .next-e2e with known test secrets, and the production server on E2E_PORT. Everything the
// tests need is handed over in E2E_* environment variables; global-teardown.ts undoes it all.
//
// E2E_REUSE_BUILD=1 skips `next build` when .next-e2e holds a build made by this setup (it reuses
// that build's secrets, so the leak test stays meaningful). E2E_KEEP_DB=1 keeps the database.

const root = path.resolve(__dirname, "../..");
const distDir = ".next-e2e";
const logDir = path.join(root, "test-results");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

export interface E2EState {
  server?: ChildProcess;
  emulator?: StripeEmulator;
  mail?: SmtpCatcher;
  database?: string;
  adminUrl: string;
}

declare global {
  // eslint-disable-next-line no-var
  var __pacE2E: E2EState | undefined;
}

function adminUrl(): string {
  return process.env.E2E_ADMIN_DATABASE_URL || process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
}

function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", () => reject(new Error(`E2E_PORT ${port} is in use; set E2E_PORT to a free port.`)));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve()));
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, logName: string): Promise<void> {
  const logFile = path.join(logDir, logName);
  const log = createWriteStream(logFile);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on("error", reject);
    child.on("exit", (code) => {
      log.end();
      if (code === 0) resolve();
      else {
        const tail = existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n") : "";
        reject(new Error(`${path.basename(command)} ${args.join(" ")} exited with ${code}; log ${logFile}:\n${tail}`));
      }
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the app server exited with ${server.exitCode}; see test-results/e2e-server.log`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${await res.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not become healthy at ${url} within ${timeoutMs} ms (last: ${last})`);
}

interface BuildSecrets {
  SERVICE_API_KEY: string;
  AUTH_SECRET: string;
  CRON_SECRET: string;
  STRIPE_WEBHOOK_SECRET: string;
}

export default async function globalSetup(): Promise<void> {
  try {
    await setUp();
  } catch (error) {
    // Imported statically: Playwright's loader cannot import() a TypeScript file here, and that
    // failure used to hide the real error.
    await globalTeardown().catch(() => undefined);
    throw error;
  }
}

async function setUp(): Promise<void> {
  const chromium = process.env.E2E_CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(chromium)) throw new Error(`Chromium not found at ${chromium}: apt-get install -y chromium`);
  mkdirSync(logDir, { recursive: true });
  mkdirSync(path.join(logDir, "e2e"), { recursive: true });

  const port = Number(process.env.E2E_PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error("E2E_PORT is not set (playwright.config.ts sets it)");
  await assertPortFree(port);
  const baseUrl = `http://127.0.0.1:${port}`;

  const state: E2EState = { adminUrl: adminUrl() };
  globalThis.__pacE2E = state;

  // Secrets: fresh random test values, unless an existing e2e build is reused with its own.
  const secretsFile = path.join(root, distDir, "e2e-build-secrets.json");
  const reuse = process.env.E2E_REUSE_BUILD === "1" && existsSync(secretsFile) && existsSync(path.join(root, distDir, "BUILD_ID"));
  const secrets: BuildSecrets = reuse
    ? (JSON.parse(readFileSync(secretsFile, "utf8")) as BuildSecrets)
    : {
        SERVICE_API_KEY: `e2e-service-${randomBytes(24).toString("hex")}`,
        AUTH_SECRET: `e2e-auth-${randomBytes(24).toString("hex")}`,
        CRON_SECRET: `e2e-cron-${randomBytes(16).toString("hex")}`,
        STRIPE_WEBHOOK_SECRET: `whsec_e2e${randomBytes(16).toString("hex")}`,
      };

  // Database.
  const database = `pac_e2e_${randomBytes(5).toString("hex")}`;
  const admin = new Client({ connectionString: state.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  state.database = database;
  const dbUrl = databaseUrl(database);
  // DIRECT_URL too: prisma.config.ts migrates over it when set.
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: dbUrl, DIRECT_URL: dbUrl };
  await run(bin("prisma"), ["migrate", "deploy"], baseEnv, "e2e-migrate.log");
  await run(bin("tsx"), [path.join(root, "prisma", "seed.ts")], baseEnv, "e2e-seed.log");
  // The seeded winter minimum stay would make the specs' dates (counted from today) matter; the
  // stay-rules spec creates the rules it checks. Taxes and the property defaults stay.
  const seeded = new Client({ connectionString: dbUrl });
  await seeded.connect();
  try {
    await seeded.query(`DELETE FROM "StayRule" WHERE "startDate" IS NOT NULL`);
  } finally {
    await seeded.end();
  }

  // Stripe emulator, delivering signed webhooks to the app.
  state.emulator = await startStripeEmulator({
    port: 0,
    host: "127.0.0.1",
    webhookSecret: secrets.STRIPE_WEBHOOK_SECRET,
    webhookUrl: `${baseUrl}/api/v1/webhooks/stripe`,
  });

  // A real SMTP server catching every email the app sends; tests read the messages from mailDir.
  const mailDir = path.join(logDir, "e2e-mail");
  rmSync(mailDir, { recursive: true, force: true });
  mkdirSync(mailDir, { recursive: true });
  state.mail = await startSmtpCatcher({ saveDir: mailDir });

  const appEnv: NodeJS.ProcessEnv = {
    ...baseEnv,
    NODE_ENV: "production",
    NEXT_DIST_DIR: distDir,
    ...secrets,
    STRIPE_SECRET_KEY: "sk_test_emulator",
    STRIPE_API_BASE: state.emulator.url,
    ORIGIN: baseUrl,
    SMTP_URL: state.mail.url,
    MAIL_FROM: "Palm Aire Court <bookings@palmaire.test>",
    OWNER_EMAIL: "owner@palmaire.test",
    NOTIFICATIONS: "on",
    RATE_LIMIT_MAX: "0",
    // The browser tests reserve many stays from one address with one email.
    HOLDS_PER_GUEST_MAX: "100",
    RESERVE_RATE_LIMIT_MAX: "0",
    // The production build in demo mode: the test card form, no publishable key needed.
    PAYMENTS_DEMO_MODE: "true",
    LOG_LEVEL: process.env.E2E_LOG_LEVEL || "warn",
    HOST: "127.0.0.1",
    PORT: String(port),
  };
  // Test mode: no publishable key, so the checkout page shows the test card form.
  delete appEnv.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;
  delete appEnv.INTERNAL_API_BASE;
  delete appEnv.UPSTASH_REDIS_REST_URL;
  delete appEnv.UPSTASH_REDIS_REST_TOKEN;

  if (!reuse) {
    await run(bin("next"), ["build"], appEnv, "e2e-build.log");
    writeFileSync(secretsFile, JSON.stringify(secrets), { mode: 0o600 });
  }

  const serverLog = createWriteStream(path.join(logDir, "e2e-server.log"));
  const server = spawn(bin("tsx"), [path.join(root, "scripts", "server.ts")], {
    cwd: root,
    env: appEnv,
    stdio: ["ignore", "pipe", "pipe"],
    // Own process group, so teardown stops tsx and the node process it starts together.
    detached: true,
  });
  server.stdout?.pipe(serverLog);
  server.stderr?.pipe(serverLog);
  state.server = server;
  await waitForHealth(`${baseUrl}/api/v1/health`, server, 90_000);

  Object.assign(process.env, {
    E2E_BASE_URL: baseUrl,
    E2E_DATABASE_URL: dbUrl,
    E2E_DIST_DIR: path.join(root, distDir),
    E2E_SERVICE_API_KEY: secrets.SERVICE_API_KEY,
    E2E_CRON_SECRET: secrets.CRON_SECRET,
    E2E_WEBHOOK_SECRET: secrets.STRIPE_WEBHOOK_SECRET,
    E2E_STRIPE_URL: state.emulator.url,
    E2E_MAIL_DIR: mailDir,
  });
}
