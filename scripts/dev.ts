// Zero-setup development start: `npm run dev`.
// - No DATABASE_URL: an embedded PostgreSQL (PGlite, data in .data/pglite) served on a local
//   port; with DATABASE_URL: that database.
// - Applies pending migrations, seeds on first run.
// - No STRIPE_SECRET_KEY: the local Stripe emulator, which delivers signed webhooks to the app.
// - No SMTP_URL: a local mail catcher (maildev) on loopback; every email the app sends shows up in
//   its web inbox, whose address is printed below.
// - Missing secrets get development values, so nothing has to be configured.
// Ctrl-C stops everything; the data stays for the next start.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { config as loadEnvFile } from "dotenv";

const root = path.resolve(__dirname, "..");
loadEnvFile({ path: [path.join(root, ".env.local"), path.join(root, ".env")], quiet: true });

const dataDir = path.join(root, ".data");
const children: ChildProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
let stopping = false;

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once("error", reject);
      srv.listen(port, "127.0.0.1", () => {
        const { port: got } = srv.address() as net.AddressInfo;
        srv.close(() => resolve(got));
      });
    });
  return tryPort(preferred).catch(() => tryPort(0));
}

/** Development secrets, generated once and kept in .data so restarts keep the same values. */
function devSecrets(): Record<string, string> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "dev-secrets.json");
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
    if (kept.OWNER_API_KEY) return kept;
    // Older .data folders predate the owner key: add one, keep the rest.
    kept.OWNER_API_KEY = randomBytes(32).toString("hex");
    writeFileSync(file, JSON.stringify(kept, null, 2), { mode: 0o600 });
    return kept;
  }
  const secrets = {
    SERVICE_API_KEY: randomBytes(32).toString("hex"),
    AUTH_SECRET: randomBytes(32).toString("hex"),
    OWNER_API_KEY: randomBytes(32).toString("hex"),
    CRON_SECRET: randomBytes(24).toString("hex"),
    STRIPE_WEBHOOK_SECRET: `whsec_dev${randomBytes(16).toString("hex")}`,
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function startEmbeddedPostgres(): Promise<string> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { btree_gist } = await import("@electric-sql/pglite/contrib/btree_gist");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const dir = path.join(dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create({ dataDir: dir, extensions: { btree_gist } });
  const port = await freePort(Number(process.env.PGLITE_PORT || 54329));
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 20 });
  await server.start();
  cleanups.push(async () => {
    await server.stop();
    await db.close();
  });
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const secrets = devSecrets();
  for (const [key, value] of Object.entries(secrets)) env[key] ||= value;
  const port = Number(env.PORT || 3000);
  // The emulator delivers webhooks to the same host name the server listens on, so both resolve
  // "localhost" the same way (IPv4 or IPv6 first).
  const host = env.HOST || "localhost";
  env.ORIGIN ||= `http://localhost:${port}`;
  // The owner console's first owner; the sign-in link is printed in this terminal.
  env.OWNER_EMAIL ||= "owner@palmairecourt.test";

  let databaseLabel: string;
  if (env.DATABASE_URL) {
    databaseLabel = `PostgreSQL from DATABASE_URL (${new URL(env.DATABASE_URL).host})`;
  } else {
    env.DATABASE_URL = await startEmbeddedPostgres();
    databaseLabel = "embedded PostgreSQL (PGlite), data in .data/pglite";
  }

  const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
  await run(bin("prisma"), ["migrate", "deploy"], env);
  // The seed is idempotent: on the first run it fills the database, afterwards it changes nothing.
  await run(bin("tsx"), [path.join(root, "prisma", "seed.ts")], env);

  let paymentsLabel = "Stripe (STRIPE_SECRET_KEY)";
  if (!env.STRIPE_SECRET_KEY) {
    const { startStripeEmulator } = await import("../tools/stripe-emulator/emulator");
    const emulatorPort = await freePort(Number(env.STRIPE_EMULATOR_PORT || 12111));
    const emulator = await startStripeEmulator({
      port: emulatorPort,
      webhookSecret: env.STRIPE_WEBHOOK_SECRET!,
      webhookUrl: `http://${host}:${port}/api/v1/webhooks/stripe`,
    });
    cleanups.push(() => emulator.close());
    env.STRIPE_SECRET_KEY = "sk_test_emulator";
    // Zero-setup payments: the checkout page shows the test card form (demo mode).
    env.PAYMENTS_DEMO_MODE ||= "true";
    env.STRIPE_API_BASE = emulator.url;
    paymentsLabel = `local Stripe emulator at ${emulator.url} (test mode, no keys needed)`;
  }

  let mailLabel = "SMTP relay from SMTP_URL";
  if (!env.SMTP_URL) {
    const { MailDev } = await import("maildev");
    const smtpPort = await freePort(Number(env.MAILDEV_SMTP_PORT || 1025));
    const webPort = await freePort(Number(env.MAILDEV_WEB_PORT || 1080));
    const maildev = new MailDev({ smtp: smtpPort, web: webPort, ip: "127.0.0.1", webIp: "127.0.0.1", silent: true });
    await maildev.start();
    cleanups.push(() => maildev.stop());
    env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    mailLabel = `local inbox at http://127.0.0.1:${webPort} (maildev; nothing leaves this machine)`;
  }

  console.log("");
  console.log(`  Palm Aire Court  http://localhost:${port}`);
  console.log(`  Database:        ${databaseLabel}`);
  console.log(`  Payments:        ${paymentsLabel}`);
  console.log(`  Email:           ${mailLabel}`);
  console.log(`  Owner console:   http://localhost:${port}/admin  (sign in as ${env.OWNER_EMAIL}; the link is emailed, see Email above)`);
  console.log("");

  const server = spawn(bin("tsx"), [path.join(root, "scripts", "server.ts"), "--dev"], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: host },
    stdio: "inherit",
  });
  children.push(server);
  server.on("exit", (code) => void shutdown(code ?? 0));
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
});
