// CPU profile of the production server under load on one endpoint, summarised by package:
//   npx tsx scripts/bench/profile-endpoint.ts availability [connections=50] [seconds=6]
// Needs a build in .next-bench (run `npm run bench` once). Creates and drops its own database
// (pac_bench_profile); the raw .cpuprofile is left in the system temp folder for DevTools.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseUrlFor, dropDatabase, insertHistory, listUnits, migrateAndSeed, recreateDatabase } from "./database";
import { serverNodeArgs } from "./server-process";
import { runLoad, type LoadTarget } from "./load";
import { burst, once, type SimpleRequest } from "./contention";
import { addDays, boundaryStay, todayUtc } from "./dates";

const ROOT = path.resolve(__dirname, "../..");
const DB = process.env.BENCH_DATABASE_NAME ? `${process.env.BENCH_DATABASE_NAME}_profile` : "pac_bench_profile";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function bucketOf(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  if (url.includes(".next-bench/server/chunks") || url.includes(".next-bench/server/app")) return "app bundle (.next-bench)";
  return url.replace(`file://${ROOT}/`, "");
}

async function main() {
  const key = process.argv[2] ?? "availability";
  const connections = Number(process.argv[3] ?? 50);
  let seconds = Number(process.argv[4] ?? 6);
  const today = todayUtc();
  const stay = boundaryStay(today, 200);
  const serviceKey = randomBytes(24).toString("hex");
  const keys = ["ceiling", "units", "availability", "quote", "ical", "unit", "search", "race", "distinct"];
  if (!keys.includes(key)) throw new Error(`unknown endpoint ${key}; one of ${keys.join(", ")}`);

  await recreateDatabase(DB);
  const url = databaseUrlFor(DB);
  migrateAndSeed(ROOT, url);
  await insertHistory(url);
  // The seeded units, as `npm run bench` reads them: the first for single-unit endpoints.
  const slugs = (await listUnits(url)).map((u) => u.slug);
  const unit = slugs[0]!;
  const paths: Record<string, LoadTarget["requests"]> = {
    ceiling: [{ method: "GET", path: "/api/bench/ping" }],
    units: [{ method: "GET", path: "/api/v1/units" }],
    availability: [{ method: "GET", path: `/api/v1/availability?unitId=${unit}&start=${addDays(today, 14)}&end=${addDays(today, 44)}` }],
    quote: [{ method: "POST", path: "/api/v1/quote", headers: { "content-type": "application/json" }, body: JSON.stringify({ unitId: unit, ...stay, boundary: undefined }) }],
    ical: [{ method: "GET", path: `/api/v1/units/${unit}/ical.ics` }],
    unit: [{ method: "GET", path: `/api/v1/units/${unit}` }],
    search: [{ method: "GET", path: `/api/v1/search?checkIn=${addDays(today, 14)}&checkOut=${addDays(today, 21)}&guests=2` }],
  };
  // Bursts of hold requests written at once (as `npm run bench` contention does), five in a row on
  // stays of their own: "race" (every request wants the same nights) or "distinct" (one night each).
  const bursts = key === "race" || key === "distinct";
  const requests = paths[key];
  const dir = mkdtempSync(path.join(os.tmpdir(), "pac-profile-"));
  const port = 30000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, serverNodeArgs(["--cpu-prof", `--cpu-prof-dir=${dir}`]), {
    cwd: ROOT,
    stdio: "ignore",
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: ".next-bench",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: url,
      RATE_LIMIT_MAX: "0",
      // No publishable key and a test Stripe key: the production build runs in demo mode.
      PAYMENTS_DEMO_MODE: "true",
      NOTIFICATIONS: "off",
      HOLDS_PER_GUEST_MAX: "100",
      RESERVE_RATE_LIMIT_MAX: "0",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      SERVICE_API_KEY: serviceKey,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      CRON_SECRET: randomBytes(16).toString("hex"),
      STRIPE_SECRET_KEY: "sk_test_bench",
      STRIPE_WEBHOOK_SECRET: "whsec_bench",
      ORIGIN: `http://127.0.0.1:${port}`,
      BENCH_PING: "1",
    },
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < 200; i++) {
      if ((await once(base, { method: "GET", path: "/api/v1/health" }, 2000)).status === 200) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    if (bursts) {
      const holds = (round: number): SimpleRequest[] =>
        Array.from({ length: connections }, (_, i) => {
          const checkIn = key === "race" ? addDays(today, 300 + round * 5) : addDays(today, 180 + round * 20 + Math.floor(i / slugs.length));
          const unitId = key === "race" ? unit : slugs[i % slugs.length]!;
          return { method: "POST", path: "/api/v1/holds", headers: { authorization: `Bearer ${serviceKey}` }, body: JSON.stringify({ unitId, checkIn, checkOut: addDays(checkIn, key === "race" ? 3 : 1), guests: 2 }) };
        });
      await burst(base, holds(0), "/api/bench/ping");
      const started = performance.now();
      for (let round = 1; round <= 5; round++) {
        const b = await burst(base, holds(round), "/api/bench/ping");
        console.log(`${key} burst ${round}: ${JSON.stringify(b.statusCodes)}, wall ${b.wallMs} ms, p99 ${b.latencyMs.p99} ms`);
      }
      seconds = (performance.now() - started) / 1000;
    } else {
      await runLoad(base, { key, label: key, requests: requests! }, connections, 2);
      const r = await runLoad(base, { key, label: key, requests: requests! }, connections, seconds);
      console.log(`${key} c=${connections}: ${r.rps} req/s, p99 ${r.latencyMs.p99} ms, non2xx ${r.non2xx}, socket errors ${r.socketErrors}, timeouts ${r.timeouts}, ${r.requests} requests`);
    }
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
    await dropDatabase(DB);
  }
  // The main thread's profile is the largest (worker threads, e.g. tsx's loader, write their own).
  const file = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size)[0];
  if (!file) throw new Error("no profile written");
  const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  // Native and Node-internal frames (syscalls, microtasks, string encoding) are charged to the
  // nearest caller that belongs to a package or the app, e.g. a socket write done by pg to pg.
  const ownerOf = (id: number): string => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (f.url.startsWith("wasm://")) return "@prisma/client (query compiler, wasm)";
      const b = bucketOf(f.url, f.functionName);
      if (f.url && !f.url.startsWith("node:")) return b;
    }
    const f = byId.get(id)!.callFrame;
    return f.functionName.startsWith("(") ? f.functionName : `node internals (${bucketOf(f.url, f.functionName)})`;
  };
  const owner = new Map<string, number>();
  const self = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  // Only the measured window (the profile also covers start-up, module loading and warm-up).
  const at: number[] = [];
  profile.timeDeltas.reduce((t, dt, i) => (at[i] = t + dt), 0);
  const from = (at[at.length - 1] ?? 0) - seconds * 1e6 - 100_000;
  profile.samples.forEach((id, i) => {
    if ((at[i] ?? 0) < from) return;
    const n = byId.get(id)!;
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    const b = bucketOf(n.callFrame.url, n.callFrame.functionName);
    self.set(b, (self.get(b) ?? 0) + dt);
    const o = ownerOf(id);
    owner.set(o, (owner.get(o) ?? 0) + dt);
    const f = `${n.callFrame.functionName || "(anonymous)"} ${bucketOf(n.callFrame.url, "")}`;
    fns.set(f, (fns.get(f) ?? 0) + dt);
  });
  const show = (m: Map<string, number>, k: number) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, us]) => `  ${((us / total) * 100).toFixed(1).padStart(5)} %  ${name}`).join("\n");
  console.log(`self time by package over the measured ${seconds} s (${(total / 1e6).toFixed(1)} s sampled, incl. idle):\n${show(self, 18)}`);
  console.log(`time charged to the nearest package or app frame:\n${show(owner, 14)}`);
  console.log(`top functions:\n${show(fns, 25)}`);
  console.log(`profile: ${path.join(dir, file)}`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
