// npm run test:n8n: the chatbot workflow in a real n8n against a production build of the app.
//
// 1. Installs n8n into tools/n8n-check (once; about 3 minutes, its own package.json) unless present.
// 2. A fresh database (migrated, seeded), the Stripe emulator, `next build` into .next-n8n and the
//    production server on a free loopback port (as tests/e2e/global-setup.ts does).
// 3. An API key for the bot (`npm run api-keys -- create n8n`), then in an empty n8n user folder:
//    the two credentials docs/n8n.md has you create (same types and default names), then
//    docs/n8n-workflow.json imported as shipped with `n8n import:workflow`, then again with the
//    site address replaced by the test server's, as docs/n8n.md step 3 says.
// 4. Runs the workflow's five HTTP Request Tool nodes with `n8n execute`: the same parameters (URL,
//    method, credential, query, JSON body, options) on n8n's HTTP Request node, chained after a
//    manual trigger, with each `$fromAI(...)` (which the model would fill) set to a test value.
//    A chat model cannot run offline, so the agent itself is not exercised.
// 5. Checks the answers the bot would read, and the database; stops everything.
//
// Not part of CI (n8n is large and slow to install). Run it after changing docs/n8n-workflow.json,
// docs/n8n.md, an endpoint the tools call, or the error shape. N8N_CHECK_REUSE_BUILD=1 skips
// `next build` when .next-n8n already holds a build.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";
import { addDays, todayIn } from "../lib/dates";
import { startStripeEmulator, type StripeEmulator } from "../tools/stripe-emulator/emulator";

const root = path.resolve(__dirname, "..");
const n8nDir = path.join(root, "tools", "n8n-check");
const n8nBin = path.join(n8nDir, "node_modules", ".bin", "n8n");
const distDir = ".next-n8n";
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const SHIPPED_BASE = "https://palmairecourt.com";
const WORKFLOW_ID = "PalmAireCourtBot";
const RUN_ID = "PalmAireToolsRun";
const execFileP = promisify(execFile);

interface Node {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, unknown>;
  credentials?: Record<string, { id: string; name: string }>;
}
interface Workflow {
  id: string;
  name: string;
  nodes: Node[];
  connections: Record<string, unknown>;
  [key: string]: unknown;
}

let failures = 0;
function check(ok: boolean, what: string, detail?: unknown) {
  if (ok) console.log(`  ok    ${what}`);
  else {
    failures++;
    console.log(`  FAIL  ${what}${detail === undefined ? "" : `\n        ${JSON.stringify(detail).slice(0, 600)}`}`);
  }
}

async function sh(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}) {
  try {
    const { stdout, stderr } = await execFileP(command, args, {
      cwd: options.cwd ?? root,
      env: options.env ?? process.env,
      timeout: options.timeout ?? 600_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? String(error) };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the app server exited with ${server.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (res.status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not become healthy at ${url}`);
}

/** The tool node as a plain HTTP Request node, with the model's `$fromAI(...)` values filled in. */
function asPlainHttpNode(tool: Node, values: Record<string, string>, position: [number, number]): Node {
  const fill = (text: string) =>
    text.replace(/\$fromAI\('(\w+)'[^)]*\)/g, (_m, key: string) => {
      if (!(key in values)) throw new Error(`no test value for $fromAI('${key}') in ${tool.name}`);
      return values[key]!;
    });
  const parameters = JSON.parse(fill(JSON.stringify(tool.parameters))) as Record<string, unknown>;
  delete parameters.toolDescription;
  return { ...tool, id: `${tool.id}-run`, type: "n8n-nodes-base.httpRequest", position, parameters };
}

async function main() {
  const state: { server?: ChildProcess; emulator?: StripeEmulator; database?: string; userFolder?: string } = {};
  const adminUrl = process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
  try {
    // 1. n8n
    if (!existsSync(n8nBin)) {
      console.log("Installing n8n into tools/n8n-check (a few minutes)…");
      const install = await sh("npm", ["install", "--no-audit", "--no-fund"], { cwd: n8nDir, timeout: 1_200_000 });
      if (install.code !== 0) throw new Error(`npm install in tools/n8n-check failed:\n${install.stderr.slice(-2000)}`);
    }
    const version = (await sh(n8nBin, ["--version"])).stdout.trim();
    console.log(`n8n ${version}`);

    // 2. Database, Stripe emulator, production build and server.
    const database = `pac_n8n_${randomBytes(5).toString("hex")}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    state.database = database;
    const dbUrl = new URL(adminUrl);
    dbUrl.pathname = `/${database}`;
    const baseEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: dbUrl.toString() };
    for (const [cmd, args] of [
      [bin("prisma"), ["migrate", "deploy"]],
      [bin("tsx"), [path.join(root, "prisma", "seed.ts")]],
    ] as const) {
      const res = await sh(cmd, [...args], { env: baseEnv });
      if (res.code !== 0) throw new Error(`${path.basename(cmd)} failed:\n${res.stdout}\n${res.stderr}`);
    }

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const secrets = {
      SERVICE_API_KEY: `n8n-check-service-${randomBytes(24).toString("hex")}`,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      CRON_SECRET: `n8n-check-cron-${randomBytes(16).toString("hex")}`,
      STRIPE_WEBHOOK_SECRET: `whsec_n8ncheck${randomBytes(16).toString("hex")}`,
    };
    state.emulator = await startStripeEmulator({
      port: 0,
      host: "127.0.0.1",
      webhookSecret: secrets.STRIPE_WEBHOOK_SECRET,
      webhookUrl: `${baseUrl}/api/v1/webhooks/stripe`,
    });
    const appEnv: NodeJS.ProcessEnv = {
      ...baseEnv,
      NODE_ENV: "production",
      NEXT_DIST_DIR: distDir,
      ...secrets,
      STRIPE_SECRET_KEY: "sk_test_emulator",
      STRIPE_API_BASE: state.emulator.url,
      ORIGIN: baseUrl,
      // No email is checked here; the production build refuses to start with notifications on and no relay.
      NOTIFICATIONS: "off",
      RATE_LIMIT_MAX: "0",
      HOLDS_PER_GUEST_MAX: "100",
      // The production build in demo mode: no publishable key needed (as the browser tests run it).
      PAYMENTS_DEMO_MODE: "true",
      LOG_LEVEL: "warn",
      HOST: "127.0.0.1",
      PORT: String(port),
    };
    for (const name of ["NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY", "INTERNAL_API_BASE", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"]) delete appEnv[name];
    if (!(process.env.N8N_CHECK_REUSE_BUILD === "1" && existsSync(path.join(root, distDir, "BUILD_ID")))) {
      console.log("Building the app (next build)…");
      const build = await sh(bin("next"), ["build"], { env: appEnv, timeout: 1_200_000 });
      if (build.code !== 0) throw new Error(`next build failed:\n${build.stdout.slice(-3000)}\n${build.stderr.slice(-3000)}`);
    }
    state.server = spawn(bin("tsx"), [path.join(root, "scripts", "server.ts")], { cwd: root, env: appEnv, stdio: "ignore", detached: true });
    await waitForHealth(`${baseUrl}/api/v1/health`, state.server, 120_000);
    console.log(`App on ${baseUrl}`);

    // 3. The bot's API key, the credentials, the workflow.
    const created = await sh("npm", ["run", "-s", "api-keys", "--", "create", "n8n"], { env: baseEnv });
    const apiKey = /\b(pac_[A-Za-z0-9_-]{43})\b/.exec(created.stdout)?.[1];
    if (!apiKey) throw new Error(`npm run api-keys failed:\n${created.stdout}\n${created.stderr}`);

    const shipped = JSON.parse(readFileSync(path.join(root, "docs", "n8n-workflow.json"), "utf8")) as Workflow;
    const credentialRefs = new Map<string, { id: string; name: string }>();
    for (const node of shipped.nodes) for (const [type, ref] of Object.entries(node.credentials ?? {})) credentialRefs.set(type, ref);
    const bearer = credentialRefs.get("httpBearerAuth");
    const openAi = credentialRefs.get("openAiApi");
    check(bearer?.name === "Bearer Auth account", "the private tools name n8n's default Bearer Auth credential", bearer);
    check(openAi?.name === "OpenAi account", "the chat model names n8n's default OpenAi credential", openAi);

    const userFolder = mkdtempSync(path.join(os.tmpdir(), "pac-n8n-"));
    state.userFolder = userFolder;
    const n8nEnv: NodeJS.ProcessEnv = {
      ...process.env,
      N8N_USER_FOLDER: userFolder,
      N8N_ENCRYPTION_KEY: randomBytes(24).toString("hex"),
      N8N_DIAGNOSTICS_ENABLED: "false",
      N8N_VERSION_NOTIFICATIONS_ENABLED: "false",
      N8N_TEMPLATES_ENABLED: "false",
      N8N_PERSONALIZATION_ENABLED: "false",
      N8N_LOG_LEVEL: "warn",
      DB_TYPE: "sqlite",
      N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: "false",
    };
    for (const name of ["DATABASE_URL", "NODE_OPTIONS"]) delete n8nEnv[name];
    const n8n = (...args: string[]) => sh(n8nBin, args, { cwd: userFolder, env: n8nEnv, timeout: 300_000 });

    const credsFile = path.join(userFolder, "credentials.json");
    writeFileSync(
      credsFile,
      JSON.stringify([
        { id: bearer?.id ?? "bearer", name: "Bearer Auth account", type: "httpBearerAuth", data: { token: apiKey } },
        { id: openAi?.id ?? "openai", name: "OpenAi account", type: "openAiApi", data: { apiKey: "sk-not-used-offline" } },
      ]),
    );
    const credsImport = await n8n("import:credentials", `--input=${credsFile}`);
    check(credsImport.code === 0, "n8n import:credentials", credsImport.stderr.slice(-800));

    const shippedImport = await n8n("import:workflow", `--input=${path.join(root, "docs", "n8n-workflow.json")}`);
    check(shippedImport.code === 0, "docs/n8n-workflow.json imports as shipped (n8n import:workflow)", shippedImport.stderr.slice(-800));

    const local = JSON.parse(JSON.stringify(shipped).split(SHIPPED_BASE).join(baseUrl)) as Workflow;
    const localFile = path.join(userFolder, "workflow-local.json");
    writeFileSync(localFile, JSON.stringify(local));
    const localImport = await n8n("import:workflow", `--input=${localFile}`);
    check(localImport.code === 0, "the workflow with the site address replaced imports", localImport.stderr.slice(-800));

    const exportFile = path.join(userFolder, "exported.json");
    const exported = await n8n("export:workflow", `--id=${WORKFLOW_ID}`, `--output=${exportFile}`);
    check(exported.code === 0, `n8n has workflow ${WORKFLOW_ID}`, exported.stderr.slice(-800));
    if (exported.code === 0) {
      const raw = JSON.parse(readFileSync(exportFile, "utf8")) as Workflow | Workflow[];
      const wf = Array.isArray(raw) ? raw[0]! : raw;
      const tools = wf.nodes.filter((n) => n.type === "n8n-nodes-base.httpRequestTool");
      check(tools.length === 6, "with its six HTTP Request Tool nodes", tools.map((t) => t.name));
      const trigger = wf.nodes.find((n) => n.type === "@n8n/n8n-nodes-langchain.chatTrigger");
      check(trigger?.parameters.public === true, "and a public chat trigger", trigger?.parameters);
    }

    // 4. The tool nodes, run by n8n.
    const start = addDays(todayIn("America/New_York"), 200);
    const end = addDays(start, 3);
    const values: Record<string, string> = {
      unitId: "'essex'",
      start: `'${start}'`,
      end: `'${end}'`,
      checkIn: `'${start}'`,
      checkOut: `'${end}'`,
      firstName: "'Ana'",
      lastName: "'Rivera'",
      email: "'ana.n8n@example.com'",
      holdId: "$('place_hold').first().json.holdId",
      bookingId: "'no-such-booking'",
      reason: "'Plans changed'",
    };
    const order = ["check_availability", "get_quote", "place_hold", "start_checkout", "cancel_booking"];
    const runNodes: Node[] = [
      { id: "manual", name: "Start", type: "n8n-nodes-base.manualTrigger", typeVersion: 1, position: [0, 0], parameters: {} },
    ];
    for (const [i, name] of order.entries()) {
      const tool = local.nodes.find((n) => n.name === name);
      if (!tool) throw new Error(`docs/n8n-workflow.json has no tool ${name}`);
      runNodes.push(asPlainHttpNode(tool, values, [220 * (i + 1), 0]));
    }
    // The availability tool once more with dates the model got wrong: what does the bot read?
    const availability = local.nodes.find((n) => n.name === "check_availability")!;
    runNodes.push({
      ...asPlainHttpNode(availability, { ...values, start: `'${end}'`, end: `'${start}'` }, [220 * 6, 0]),
      id: "bad-dates",
      name: "check_availability_bad_dates",
    });
    const connections: Record<string, unknown> = {};
    for (let i = 0; i < runNodes.length - 1; i++) {
      connections[runNodes[i]!.name] = { main: [[{ node: runNodes[i + 1]!.name, type: "main", index: 0 }]] };
    }
    const runFile = path.join(userFolder, "workflow-run.json");
    writeFileSync(runFile, JSON.stringify({ id: RUN_ID, name: "Palm Aire Court tools run", nodes: runNodes, connections, settings: { executionOrder: "v1" }, active: false }));
    const runImport = await n8n("import:workflow", `--input=${runFile}`);
    check(runImport.code === 0, "the tools-run workflow imports", runImport.stderr.slice(-800));

    // `execute` prints the run through n8n's logger at level info.
    const executed = await sh(n8nBin, ["execute", `--id=${RUN_ID}`, "--rawOutput"], {
      cwd: userFolder,
      env: { ...n8nEnv, N8N_LOG_LEVEL: "info" },
      timeout: 300_000,
    });
    check(executed.code === 0, "n8n execute ran the tool nodes", `${executed.stdout.slice(-1500)} ${executed.stderr.slice(-1500)}`);
    mkdirSync(path.join(root, "test-results"), { recursive: true });
    writeFileSync(path.join(root, "test-results", "n8n-execute.log"), `${executed.stdout}\n--- stderr ---\n${executed.stderr}`);
    // n8n may print notices before the run's JSON: parse from the first line that starts one.
    type RunData = Record<string, Array<{ data?: { main?: Array<Array<{ json: any }>> } }>>;
    let runData: RunData | undefined;
    const text = executed.stdout;
    const ends = [...text.matchAll(/^\}\s*$/gm)].map((m) => m.index + 1);
    search: for (const start of [...text.matchAll(/^\{\s*$/gm)].map((m) => m.index)) {
      for (const endAt of ends.filter((e) => e > start)) {
        try {
          const parsed = JSON.parse(text.slice(start, endAt)) as {
            data?: { resultData?: { runData?: RunData } };
            resultData?: { runData?: RunData };
          };
          runData = parsed.data?.resultData?.runData ?? parsed.resultData?.runData;
          if (runData) break search;
        } catch {
          // not a whole JSON document yet
        }
      }
    }
    check(runData !== undefined, "n8n printed the run as JSON", executed.stdout.slice(0, 1500));
    const out = (name: string) => runData?.[name]?.[0]?.data?.main?.[0]?.[0]?.json;

    const avail = out("check_availability");
    check(avail?.isAvailable === true, "check_availability: the nights are free", avail);
    const quote = out("get_quote");
    check(quote?.nights === 3 && Number.isInteger(quote?.totalCents) && quote?.currency === "USD", "get_quote: 3 nights, a total in cents", quote);
    const hold = out("place_hold");
    check(typeof hold?.holdId === "string" && typeof hold?.expiresAt === "string", "place_hold: a hold, with the bot's API key", hold);
    const checkout = out("start_checkout");
    check(checkout?.holdId === hold?.holdId && /^pi_/.test(String(checkout?.clientSecret)), "start_checkout: the hold's payment, through the Stripe emulator", checkout);
    const cancel = out("cancel_booking");
    check(
      cancel?.error?.code === "NOT_FOUND" && cancel?.error?.message === "No booking with that id exists.",
      "cancel_booking: an error comes back to the bot as readable JSON (Never Error)",
      cancel,
    );
    const bad = out("check_availability_bad_dates");
    check(
      bad?.error?.code === "VALIDATION_FAILED" && bad?.error?.issues?.some((i: { message: string }) => i.message === "end must be after start."),
      "a validation error carries a per-field message the bot can say",
      bad,
    );

    // 5. What happened in the database.
    const db = new Client({ connectionString: dbUrl.toString() });
    await db.connect();
    try {
      const holds = await db.query(
        `SELECT count(*)::int AS n FROM "Hold" h JOIN "Unit" u ON u.id = h."unitId" WHERE u.slug = 'essex' AND h."checkIn" = $1::date AND h.status = 'ACTIVE'`,
        [start],
      );
      check(holds.rows[0].n === 1, "exactly one active hold on those nights", holds.rows[0]);
    } finally {
      await db.end();
    }
  } finally {
    if (state.server && state.server.exitCode === null && state.server.pid) {
      try {
        process.kill(-state.server.pid, "SIGTERM");
      } catch {
        state.server.kill("SIGTERM");
      }
    }
    await state.emulator?.close().catch(() => undefined);
    if (state.userFolder) rmSync(state.userFolder, { recursive: true, force: true });
    if (state.database) {
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${state.database}" WITH (FORCE)`).catch(() => undefined);
      await admin.end();
    }
  }
  console.log(failures === 0 ? "\nn8n check passed." : `\nn8n check FAILED: ${failures} problem(s).`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("n8n check failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
