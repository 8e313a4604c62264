import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { Pool } from "pg";
import { env } from "@/lib/env";

export interface Health {
  ok: boolean;
  database: "up" | "down";
  migrations: { applied: number; expected: number; pending: string[] } | null;
}

/** The whole check, connecting included, answers within this (ms); later means "down". */
export const HEALTH_DEADLINE_MS = 1500;

// Its own pool of one connection, apart from the app's: a health probe never waits for a pooled
// connection behind writers queued on a unit lock, and never takes one from them either.
const globalForHealth = globalThis as unknown as { __palmHealthPool?: Pool };
function healthPool(): Pool {
  globalForHealth.__palmHealthPool ??= new Pool({
    connectionString: env.DATABASE_URL,
    max: 1,
    connectionTimeoutMillis: HEALTH_DEADLINE_MS,
    idleTimeoutMillis: 30_000,
    statement_timeout: HEALTH_DEADLINE_MS,
    query_timeout: HEALTH_DEADLINE_MS,
    application_name: "palm-aire-court:health",
  });
  // A dropped idle connection must not crash the process; the next probe reconnects.
  globalForHealth.__palmHealthPool.on("error", () => undefined);
  return globalForHealth.__palmHealthPool;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("health check deadline")), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

let expectedMigrations: string[] | undefined;

async function migrationsOnDisk(): Promise<string[]> {
  if (!expectedMigrations) {
    const dir = path.join(process.cwd(), "prisma", "migrations");
    const entries = await readdir(dir, { withFileTypes: true });
    expectedMigrations = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  }
  return expectedMigrations;
}

/** Database reachable and every migration in prisma/migrations applied. */
export async function checkHealth(): Promise<Health> {
  let applied: string[];
  try {
    const result = await withDeadline(
      healthPool().query<{ migration_name: string }>(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
      ),
      HEALTH_DEADLINE_MS,
    );
    applied = result.rows.map((r) => r.migration_name);
  } catch {
    return { ok: false, database: "down", migrations: null };
  }
  const expected = await migrationsOnDisk();
  const pending = expected.filter((name) => !applied.includes(name));
  return {
    ok: pending.length === 0,
    database: "up",
    migrations: { applied: applied.length, expected: expected.length, pending },
  };
}
