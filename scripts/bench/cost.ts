// Where a request's time goes, measured around each load run without touching the app:
// CPU of the server process and of the PostgreSQL backends serving the benchmark database
// (/proc, Linux only), and the database's own counters (pg_stat_database: transactions, i.e.
// statements outside an explicit transaction, and the time spent executing statements).
import { readFileSync } from "node:fs";
import { Client } from "pg";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // After the command name: utime and stime are fields 14 and 15 of the whole line.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Busy CPU time of the whole machine, all cores (from /proc/stat). */
function machineBusyMs(): number | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0); // idle + iowait
    return ((total - idle) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

export interface CostSnapshot {
  at: number;
  machineBusyMs: number | null;
  serverCpuMs: number | null;
  dbCpuMs: number | null;
  /** CPU ms of each backend of the benchmark database, by pid. */
  dbCpuByPid: Map<number, number>;
  loadGenCpuMs: number;
  xacts: number;
  rollbacks: number;
  deadlocks: number;
  dbActiveMs: number;
}

export class CostMeter {
  private constructor(
    private readonly admin: Client,
    private readonly databaseName: string,
    private readonly serverPid: number,
  ) {}

  static async open(adminUrl: string, databaseName: string, serverPid: number): Promise<CostMeter> {
    // Connected to the admin database so the meter's own queries do not count.
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    return new CostMeter(admin, databaseName, serverPid);
  }

  async snapshot(): Promise<CostSnapshot> {
    const db = (
      await this.admin.query(
        `SELECT xact_commit + xact_rollback AS xacts, xact_rollback AS rollbacks, deadlocks, active_time AS active,
                ARRAY(SELECT pid FROM pg_stat_activity WHERE datname = $1) AS pids
           FROM pg_stat_database WHERE datname = $1`,
        [this.databaseName],
      )
    ).rows[0] as { xacts: string; rollbacks: string; deadlocks: string; active: number; pids: number[] } | undefined;
    const dbCpuByPid = new Map<number, number>();
    for (const pid of db?.pids ?? []) {
      const ms = cpuMsOf(pid);
      if (ms !== null) dbCpuByPid.set(pid, ms);
    }
    const dbCpu = [...dbCpuByPid.values()].reduce((a, b) => a + b, 0);
    const self = process.cpuUsage();
    return {
      at: performance.now(),
      machineBusyMs: machineBusyMs(),
      serverCpuMs: cpuMsOf(this.serverPid),
      dbCpuMs: dbCpu,
      dbCpuByPid,
      loadGenCpuMs: (self.user + self.system) / 1000,
      xacts: Number(db?.xacts ?? 0),
      rollbacks: Number(db?.rollbacks ?? 0),
      deadlocks: Number(db?.deadlocks ?? 0),
      dbActiveMs: Number(db?.active ?? 0),
    };
  }

  async close(): Promise<void> {
    await this.admin.end();
  }
}

export interface RequestCost {
  /** Share of the 2 cores' time used, over the measured window (100 % = one core). */
  serverCpuPct: number | null;
  dbCpuPct: number | null;
  loadGenCpuPct: number;
  /** Everything else that ran on the machine meanwhile (other work on a shared machine). */
  otherCpuPct: number | null;
  /** Per request. */
  serverCpuMs: number | null;
  dbCpuMs: number | null;
  dbActiveMs: number;
  xacts: number;
}

const r2 = (n: number) => Math.round(n * 100) / 100;

/**
 * CPU from `a` (run start) to `b` (run end). The database counters come from `c`, taken after
 * `flushDbStats`: backends report to pg_stat_database at most once a second, and an idle
 * backend's last second can wait 10 s, so the harness makes every pooled backend run one cheap
 * statement after a one-second pause (`extraXacts` of them, subtracted here).
 */
/**
 * CPU of the benchmark database's backends between two snapshots: a backend that started in
 * between counts from zero; one that exited in between is lost (rare while the pool is busy).
 */
export function dbCpuBetween(a: CostSnapshot, b: CostSnapshot): number {
  let sum = 0;
  for (const [pid, ms] of b.dbCpuByPid) sum += ms - (a.dbCpuByPid.get(pid) ?? 0);
  return sum;
}

export function costBetween(a: CostSnapshot, b: CostSnapshot, c: CostSnapshot, requests: number, extraXacts = 0): RequestCost {
  const wall = b.at - a.at;
  const d = (x: number | null, y: number | null) => (x === null || y === null ? 0 : y - x);
  const dbCpu = dbCpuBetween(a, b);
  const other =
    a.machineBusyMs === null || b.machineBusyMs === null
      ? null
      : Math.max(0, Math.round(((d(a.machineBusyMs, b.machineBusyMs) - d(a.serverCpuMs, b.serverCpuMs) - dbCpu - (b.loadGenCpuMs - a.loadGenCpuMs)) / wall) * 100));
  const per = (x: number | null, y: number | null) => (x === null || y === null || requests === 0 ? null : r2((y - x) / requests));
  const pct = (x: number | null, y: number | null) => (x === null || y === null ? null : Math.round(((y - x) / wall) * 100));
  return {
    serverCpuPct: pct(a.serverCpuMs, b.serverCpuMs),
    dbCpuPct: Math.round((dbCpu / wall) * 100),
    loadGenCpuPct: Math.round(((b.loadGenCpuMs - a.loadGenCpuMs) / wall) * 100),
    otherCpuPct: other,
    serverCpuMs: per(a.serverCpuMs, b.serverCpuMs),
    dbCpuMs: requests ? r2(dbCpu / requests) : null,
    dbActiveMs: requests ? r2((c.dbActiveMs - a.dbActiveMs) / requests) : 0,
    xacts: requests ? r2((c.xacts - a.xacts - extraXacts) / requests) : 0,
  };
}
