// `npm run test:smoke`: the production smoke test (CI runs it). Builds exactly as the Docker image
// does (NODE_ENV=production, placeholder build-time values, Next's standalone output run by
// palm-server.js), prepares a fresh database with `npm run db:setup`, starts the server with a
// production environment and nothing else, and checks health, a page, a quote and the cron
// route; then checks that the server refuses to start, naming the problem, without each required
// secret, without a publishable key outside demo mode, and in demo mode with a live key. Only 127.0.0.1; every wait is bounded.
// --no-build reuses the last build in .next-smoke.
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { Client } from "pg";
import { units } from "../prisma/data/rates";

const root = path.resolve(__dirname, "..");
const distDir = ".next-smoke";
const standalone = path.join(root, distDir, "standalone");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const adminUrl = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const log = (msg: string) => console.log(`[smoke] ${msg}`);

function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function runOrFail(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, args, { cwd: root, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} ${args.join(" ")} failed:\n${(result.stdout + result.stderr).split("\n").slice(-40).join("\n")}`);
  }
}

function build() {
  // The same placeholders as the Dockerfile: the build must not need real secrets.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: distDir,
    DATABASE_URL: "postgresql://build:build@127.0.0.1:1/build",
    STRIPE_SECRET_KEY: "sk_test_build",
    STRIPE_WEBHOOK_SECRET: "whsec_build",
    SERVICE_API_KEY: "build-placeholder-000000000000000000",
    AUTH_SECRET: "build-placeholder-auth-secret-000000000000",
    CRON_SECRET: "build-placeholder",
    ORIGIN: "http://localhost:3000",
    NOTIFICATIONS: "off",
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "",
  };
  runOrFail(bin("next"), ["build"], env);
  // What the Dockerfile's runner stage assembles.
  cpSync(path.join(root, distDir, "static"), path.join(standalone, distDir, "static"), { recursive: true });
  cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });
  runOrFail(bin("esbuild"), ["scripts/server.ts", "--platform=node", "--format=cjs", "--target=node20", `--outfile=${path.join(standalone, "palm-server.js")}`], process.env);
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>): Started {
  // A clean environment: only what a production host would set (plus PATH for node itself).
  const child: ChildProcess = spawn(process.execPath, ["palm-server.js"], {
    cwd: standalone,
    env: Object.assign({ NODE_ENV: "production" as const, PATH: process.env.PATH ?? "/usr/bin:/bin" }, env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function stop(server: Started) {
  if (server.child.exitCode !== null) return;
  server.child.kill("SIGTERM");
  const done = await Promise.race([server.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
  if (!done) server.child.kill("SIGKILL");
}

async function waitHealthy(base: string, server: Started, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`server exited with ${server.child.exitCode}:\n${server.output()}`);
    try {
      const res = await fetch(`${base}/api/v1/health`, { signal: AbortSignal.timeout(5000) });
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200) return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`not healthy within ${timeoutMs} ms (last: ${last})\n${server.output()}`);
}

async function expectRefusal(name: string, env: Record<string, string>, expected: RegExp) {
  const server = startServer(env);
  const code = await Promise.race([server.exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 60_000))]);
  if (code === "timeout") {
    await stop(server);
    throw new Error(`${name}: the server did not refuse to start within 60 s`);
  }
  assert.notEqual(code, 0, `${name}: exit code`);
  assert.match(server.output(), expected, `${name}: the message names the problem`);
  log(`refuses to start: ${name} (exit ${code})`);
}

async function main() {
  const started = Date.now();
  if (process.argv.includes("--no-build") && existsSync(path.join(standalone, "palm-server.js"))) log("reusing the last build");
  else {
    log("building (NODE_ENV=production, standalone output) ...");
    rmSync(path.join(root, distDir), { recursive: true, force: true });
    build();
  }

  const database = `pac_smoke_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  let server: Started | undefined;
  try {
    const dbUrl = databaseUrl(database);
    runOrFail(bin("tsx"), ["scripts/db-setup.ts"], { ...process.env, DATABASE_URL: dbUrl, DIRECT_URL: dbUrl });
    log("database migrated and seeded with npm run db:setup");

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const secrets = {
      SERVICE_API_KEY: randomBytes(24).toString("hex"),
      AUTH_SECRET: randomBytes(32).toString("hex"),
      CRON_SECRET: randomBytes(16).toString("hex"),
      STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(16).toString("hex")}`,
    };
    const productionEnv: Record<string, string> = {
      NODE_ENV: "production",
      NEXT_DIST_DIR: distDir,
      DATABASE_URL: dbUrl,
      STRIPE_SECRET_KEY: `sk_test_${randomBytes(12).toString("hex")}`,
      ...secrets,
      ORIGIN: base,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
      // Built without a publishable key, so the site runs only in explicit demo mode.
      PAYMENTS_DEMO_MODE: "true",
      // No mail relay here: emails are recorded in the outbox, not sent.
      NOTIFICATIONS: "off",
    };

    server = startServer(productionEnv);
    await waitHealthy(base, server, 90_000);
    const health = (await (await fetch(`${base}/api/v1/health`)).json()) as { ok: boolean; database: string };
    assert.equal(health.ok, true);
    assert.equal(health.database, "up");
    log("health: ok, database up");

    const home = await fetch(`${base}/`);
    assert.equal(home.status, 200);
    assert.equal(home.headers.get("x-powered-by"), null);
    assert.match(await home.text(), /Palm Aire Court/);
    const unitPage = await fetch(`${base}/units/essex`);
    assert.equal(unitPage.status, 200);
    assert.match(await unitPage.text(), /Essex/);
    log("pages: / and /units/essex render");

    // A 3-night stay a month from now; the base is 3 × Essex's nightly rate from the seed data.
    const checkIn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const checkOut = new Date(Date.now() + 33 * 86_400_000).toISOString().slice(0, 10);
    const quoteRes = await fetch(`${base}/api/v1/quote`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ unitId: "essex", checkIn, checkOut }),
    });
    assert.equal(quoteRes.status, 200, await quoteRes.clone().text());
    const quote = (await quoteRes.json()) as { nights: number; baseCents: number; discountCents: number; feesCents: number; totalCents: number; unit: { slug: string } };
    const nightly = units.find((u) => u.slug === "essex")!.rates!.nightly!;
    assert.equal(quote.unit.slug, "essex");
    assert.equal(quote.nights, 3);
    assert.equal(quote.baseCents, 3 * nightly);
    assert.equal(quote.totalCents, quote.baseCents - quote.discountCents + quote.feesCents);
    log(`quote: 3 nights at Essex, total ${quote.totalCents} cents`);

    const jobs = await fetch(`${base}/api/internal/jobs`, { headers: { authorization: `Bearer ${secrets.CRON_SECRET}` } });
    assert.equal(jobs.status, 200, await jobs.clone().text());
    const unauthorised = await fetch(`${base}/api/internal/jobs`);
    assert.equal(unauthorised.status, 401);
    log("jobs route: 200 with the cron secret, 401 without");

    // The pre-launch checklist speaks at start-up: test keys and the example rates.
    assert.match(server.output(), /NOT READY FOR LAUNCH: STRIPE_SECRET_KEY is a test key/);
    assert.match(server.output(), /placeholderRates/);
    log("start-up warned about the test key and the example rates");
    await stop(server);
    server = undefined;

    for (const name of ["DATABASE_URL", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "SERVICE_API_KEY", "CRON_SECRET", "AUTH_SECRET"]) {
      const env = { ...productionEnv };
      delete env[name];
      await expectRefusal(`without ${name}`, env, new RegExp(`${name}: required`));
    }
    const { NOTIFICATIONS: _notifications, ...withNotifications } = productionEnv;
    await expectRefusal("emails on without SMTP_URL", withNotifications, /SMTP_URL: required in production/);
    // This build has no publishable key: only explicit demo mode may run it (the test card form).
    const { PAYMENTS_DEMO_MODE: _demo, ...withoutDemo } = productionEnv;
    await expectRefusal("no publishable key outside demo mode", withoutDemo, /NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: required in production/);
    // Live key from parts, so no live-key-shaped literal sits in the repository.
    const liveKey = ["sk", "live", randomBytes(12).toString("hex")].join("_");
    await expectRefusal("demo mode with a live key", { ...productionEnv, STRIPE_SECRET_KEY: liveKey }, /PAYMENTS_DEMO_MODE: demo mode confirms payments with test cards/);

    log(`passed in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    if (server) await stop(server);
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(`[smoke] FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
