// Server time of one render of the owner console's calendar board (lib/server/admin/get-board.ts:
// 11 units, 120 days, over the benchmark's two years of history), measured in a process of its
// own against the benchmark database. Run by run-bench.ts as
//   node --conditions=react-server --import tsx scripts/bench/board.ts <runs>
// with DATABASE_URL and the app's environment set; prints one JSON line. The board is a server
// render, not a public endpoint: what matters is how long its data takes, not req/s.
import { existsSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const MODULE = path.join(ROOT, "lib/server/admin/get-board.ts");

async function main() {
  const runs = Number(process.argv[2] ?? 50);
  if (!existsSync(MODULE)) {
    process.stdout.write(JSON.stringify({ status: "not available", note: "lib/server/admin/get-board.ts is not on this branch" }) + "\n");
    return;
  }
  const { getBoard } = (await import(MODULE)) as {
    getBoard: (o: { from: string; days: number }) => Promise<{ rows: Array<{ items: unknown[] }> }>;
  };
  const from = new Date().toISOString().slice(0, 10);
  for (let i = 0; i < 5; i++) await getBoard({ from, days: 120 }); // warm-up
  const times: number[] = [];
  let items = 0;
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const board = await getBoard({ from, days: 120 });
    times.push(performance.now() - t);
    items = board.rows.reduce((n, r) => n + r.items.length, 0);
  }
  const cpu = process.cpuUsage(cpuStart);
  times.sort((a, b) => a - b);
  const at = (p: number) => Math.round(times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]! * 10) / 10;
  process.stdout.write(
    JSON.stringify({ status: "ok", runs, items, p50Ms: at(50), p95Ms: at(95), maxMs: at(100), cpuMsPerRender: Math.round(((cpu.user + cpu.system) / 1000 / runs) * 100) / 100 }) + "\n",
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stdout.write(JSON.stringify({ status: "failed", note: String(error instanceof Error ? error.message : error).slice(0, 300) }) + "\n");
    process.exit(0);
  },
);
