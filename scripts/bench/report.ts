// bench/results/latest.md and the table printed at the end of a run.
import type { BenchReport } from "./run-bench";

const fmt = (n: number | null | undefined, digits = 0) =>
  n === null || n === undefined || Number.isNaN(n) ? "–" : n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The endpoint table: one row per endpoint and connection count. */
export function summaryTable(report: BenchReport): string {
  const rows = [
    "| endpoint | conns | req/s | % of ceiling | ceiling around it, req/s | p50 ms | p95 ms | p99 ms | non-2xx | socket errors | server RSS MiB (max) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const e of report.endpoints) {
    if (e.status !== "ok") {
      rows.push(`| ${e.key} | – | ${e.status} | | | | | | | | |`);
      continue;
    }
    for (const l of e.levels) {
      rows.push(
        `| ${e.key} | ${l.connections} | ${fmt(l.rps)} | ${l.ratioToCeiling === null ? "–" : `${Math.round(l.ratioToCeiling * 100)} %`} | ${fmt(l.ceilingAroundRps)} | ${fmt(l.latencyMs.p50, 1)} | ${fmt(l.latencyMs.p95, 1)} | ${fmt(l.latencyMs.p99, 1)} | ${l.non2xx} | ${l.socketErrors} | ${fmt(l.rssMiB?.max)} |`,
      );
    }
  }
  const contention = [
    "| scenario | requests | status codes | wall ms | p50 ms | p99 ms | max ms | overlapping ACTIVE holds | result |",
    "|---|---:|---|---:|---:|---:|---:|---:|---|",
  ];
  for (const c of report.contention) {
    if (c.status !== "ok" || !c.burst) {
      contention.push(`| ${c.key} | – | ${c.status} | | | | | | |`);
      continue;
    }
    const b = c.burst;
    const codes = Object.entries(b.statusCodes).map(([k, v]) => `${v} × ${k}`).join(", ");
    contention.push(
      `| ${c.key} | ${b.requests} | ${codes} | ${fmt(b.wallMs)} | ${fmt(b.latencyMs.p50)} | ${fmt(b.latencyMs.p99)} | ${fmt(b.latencyMs.max)} | ${c.invariants?.overlappingActiveHolds ?? "–"} | ${c.pass ? "✅" : "❌"} expected ${c.expected} |`,
    );
  }
  return [...rows, "", ...contention].join("\n");
}

const mark = { pass: "✅", fail: "❌", "not measured": "⚪" } as const;

export function renderMarkdown(report: BenchReport): string {
  const m = report.machine;
  const commit = report.commit.sha ? `${report.commit.sha}${report.commit.dirty === true ? " (dirty)" : report.commit.dirty === null ? " (dirty flag unknown)" : ""}` : "unknown";
  const h = report.history;
  const cost = [
    "| endpoint | conns | CPU-cost ratio | server CPU ms/req | PostgreSQL CPU ms/req | ≈ DB statement time ms/req | ≈ DB transactions/req | server CPU % | PostgreSQL CPU % | load generator CPU % | other work on the machine CPU % |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const ceiling = report.endpoints.find((e) => e.key === "ceiling");
  const cpuPerReq = (c: { serverCpuMs: number | null; dbCpuMs: number | null }) => (c.serverCpuMs ?? 0) + (c.dbCpuMs ?? 0);
  for (const e of report.endpoints) {
    for (const l of e.levels) {
      const c = l.cost;
      const base = ceiling?.levels.find((x) => x.connections === l.connections)?.cost;
      const costRatio = base && cpuPerReq(c) > 0 ? `${Math.round((cpuPerReq(base) / cpuPerReq(c)) * 100)} %` : "–";
      cost.push(
        `| ${e.key} | ${l.connections} | ${costRatio} | ${fmt(c.serverCpuMs, 2)} | ${fmt(c.dbCpuMs, 2)} | ${fmt(c.dbActiveMs, 2)} | ${fmt(c.xacts, 1)} | ${fmt(c.serverCpuPct)} | ${fmt(c.dbCpuPct)} | ${fmt(c.loadGenCpuPct)} | ${fmt(c.otherCpuPct)} |`,
      );
    }
  }
  const notes = report.endpoints.filter((e) => e.status !== "ok" || e.auth === "service").map((e) => `- **${e.key}**: ${e.status}${e.note ? ` — ${e.note}` : ""}${e.auth === "service" ? " (needed the service key)" : ""}`);
  const samples = report.contention
    .filter((c) => c.burst && !c.pass)
    .map((c) => `- **${c.key}** sample answers: ${Object.entries(c.burst!.samples).map(([k, v]) => `\`${k}\`: \`${v.replace(/`/g, "'").slice(0, 200)}\``).join("; ")}`);

  const others = report.endpoints.flatMap((e) => e.levels.map((l) => l.cost.otherCpuPct)).filter((x): x is number => x !== null);
  const otherMean = others.length ? Math.round(others.reduce((a, b) => a + b, 0) / others.length) : 0;
  const otherMax = others.length ? Math.max(...others) : 0;
  const shared =
    otherMean > 20 || otherMax > 60
      ? `\n> ⚠ The machine was shared during this run: other processes used ${otherMean} % CPU on average (up to ${otherMax} %) while endpoints were measured (column "other work" below). Absolute req/s and latencies of this run are low; ratios of runs measured next to heavy other work are distorted too. Re-run on an idle machine for numbers to compare.\n`
      : "";
  return `# Benchmark results${report.quick ? " (quick run: short durations, not comparable)" : ""}

${report.date} · commit ${commit} · ${m.cores} cores (${m.cpuModel}) · ${m.memoryGiB} GiB · Node ${m.node} · ${m.platform} · load average at start ${m.loadAvgAtStart.join(" / ")}, at end ${m.loadAvgAtEnd.join(" / ")}
${shared}
Production build (\`next build\`) served by \`scripts/server.ts\` (what \`npm start\` runs) with NODE_ENV=production,
RATE_LIMIT_MAX=0 and LOG_LEVEL=warn, against a fresh PostgreSQL database with ${fmt(h.bookings.confirmed)} confirmed and
${fmt(h.bookings.cancelled)} cancelled bookings on ${h.units} units (${h.firstNight} to ${h.lastNight}, ${h.occupancyPct} % occupied),
${fmt(h.customers)} customers, ${fmt(h.payments)} payments and holds ${Object.entries(h.holds).map(([k, v]) => `${k} ${fmt(v)}`).join(", ")}.
autocannon on the same machine, ${report.config.durationS} s per run after a ${report.config.warmupS} s warm-up per endpoint and 1 s of settling on the run's own connections; latencies over every response in the window.
An endpoint's share of the ceiling at 50 connections is read against the ceiling measured around it (the mean of a ceiling run just before it and one just before the next endpoint, or the last ceiling run), because the machine's speed drifts within a run; at 10 connections, against the first ceiling run.
How to read this: [bench/README.md](../README.md).

## Endpoints and contention

${summaryTable(report)}
${notes.length ? `\n${notes.join("\n")}\n` : ""}${samples.length ? `\n${samples.join("\n")}\n` : ""}
## Owner console: calendar board
${
  report.board?.status === "ok"
    ? `getBoard (11 units, 120 days from today, ${report.board.items} items) over ${report.board.runs} renders in a process of its own: p50 ${report.board.p50Ms} ms, p95 ${report.board.p95Ms} ms, max ${report.board.maxMs} ms, ${report.board.cpuMsPerRender} ms of CPU per render.`
    : `${report.board?.status ?? "not measured"}${report.board?.note ? ` — ${report.board.note}` : ""}`
}

## Targets

| target | result | measured |
|---|---|---|
${report.targets.map((t) => `| ${t.target} | ${mark[t.result]} ${t.result} | ${t.value} |`).join("\n")}

## Where the time goes

Measured around each run: CPU time of the server process and of the PostgreSQL backends serving the benchmark
database (from /proc), and the database's own counters (pg_stat_database: transactions — one per statement
outside an explicit transaction — and time spent executing statements), divided by the requests served.
The database counters (≈) are approximate: backends publish them at most once a second.
With both cores saturated, req/s ≈ 2,000 ms ÷ (server + PostgreSQL + load generator CPU ms per request); the server
process runs JavaScript on one thread, so it saturates near 100–130 % (one core plus GC and I/O threads) first.
CPU-cost ratio = (server + PostgreSQL CPU per request of the ceiling) ÷ (the same for this endpoint): the share of
the ceiling's throughput the endpoint would reach if CPU were the only limit; unlike req/s it hardly moves when
other work shares the machine.

${cost.join("\n")}

Contention, around each burst (the connections were opened beforehand): transactions committed and rolled back
(a loser's 409 is a rollback; so is each serialization failure the app retries), deadlocks, CPU time.

| scenario | commits | rollbacks | deadlocks | server CPU ms | PostgreSQL CPU ms |
|---|---:|---:|---:|---:|---:|
${report.contention
  .filter((c) => c.database)
  .map((c) => `| ${c.key} | ${c.database!.commits} | ${c.database!.rollbacks} | ${c.database!.deadlocks} | ${fmt(c.database!.serverCpuMs)} | ${fmt(c.database!.dbCpuMs)} |`)
  .join("\n")}
${
  report.logCompare?.length
    ? `\n## Access log cost (LOG_LEVEL=info vs warn, 50 connections)\n\nThe ceiling route does not log at any level: its rows show the noise between the two server starts.\n\n| endpoint | LOG_LEVEL | req/s | p99 ms | server CPU ms/req | other work CPU % |\n|---|---|---:|---:|---:|---:|\n${report.logCompare.map((r) => `| ${r.key} | ${r.logLevel} | ${fmt(r.rps)} | ${fmt(r.p99, 1)} | ${fmt(r.serverCpuMs, 2)} | ${fmt(r.otherCpuPct)} |`).join("\n")}\n`
    : ""
}
Run timings (s): ${Object.entries(report.timingsS).map(([k, v]) => `${k} ${v}`).join(", ")}.
`;
}
