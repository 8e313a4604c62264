import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { Pool } from "pg";
import { now as clockNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { openConflictCountSql, staleFeedsSql } from "@/lib/server/channels/channel-health";

export interface Health {
  ok: boolean;
  /** ok; degraded: serving, but channel sync needs the owner (stale feed, conflict); down: not ok. */
  status: "ok" | "degraded" | "down";
  database: "up" | "down";
  migrations: { applied: number; expected: number; pending: string[] } | null;
  /** Channel sync; null when the database could not be asked. Never a feed URL. */
  channels: {
    staleFeeds: Array<{ feedId: string; unitId: string; channel: string; lastSuccessAt: string | null }>;
    openConflicts: number;
  } | null;
}

/** The whole check, connecting included, answers within this (ms); later means "down". */
export const HEALTH_DEADLINE_MS = 1500;

// Its own pool of one connection, apart from the app's: a health probe never waits for a pooled
// connection behind writers queued on a unit lock, and never takes one from them either.
const globalForHealth = globalThis as unknown as { __palmHealthPool?: Pool };
function healthPool(): Pool {
  if (!globalForHealth.__palmHealthPool) {
    const pool = new Pool({
      connectionString: env.DATABASE_URL,
      max: 1,
      connectionTimeoutMillis: HEALTH_DEADLINE_MS,
      idleTimeoutMillis: 30_000,
      statement_timeout: HEALTH_DEADLINE_MS,
      query_timeout: HEALTH_DEADLINE_MS,
      application_name: "palm-aire-court:health",
    });
    // A dropped idle connection must not crash the process; the next probe reconnects. Once per
    // pool: a listener per probe grew without bound (and warned after ten).
    pool.on("error", () => undefined);
    globalForHealth.__palmHealthPool = pool;
  }
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

/**
 * Stale feeds and open conflicts, on the health pool within what is left of the deadline (never
 * the app's pool). null when they cannot be read (a pending migration, a slow database).
 */
async function channelHealth(pool: Pool, now: Date, deadlineMs: number): Promise<Health["channels"]> {
  try {
    const cutoff = new Date(now.getTime() - env.CHANNEL_FEED_STALE_HOURS * 3_600_000);
    const stale = staleFeedsSql(cutoff);
    const conflicts = openConflictCountSql(now);
    const [feeds, count] = await withDeadline(
      Promise.all([
        pool.query<{ feedId: string; unitId: string; channel: string; lastSuccessAt: string | null }>(stale.text, stale.values),
        pool.query<{ count: string }>(conflicts.text, conflicts.values),
      ]),
      deadlineMs,
    );
    return {
      staleFeeds: feeds.rows.map((f) => ({ feedId: f.feedId, unitId: f.unitId, channel: f.channel, lastSuccessAt: f.lastSuccessAt })),
      openConflicts: Number(count.rows[0]?.count ?? 0),
    };
  } catch {
    return null;
  }
}

/**
 * Database reachable and every migration in prisma/migrations applied (ok, HTTP 200); channel
 * sync trouble (a stale import feed, an open conflict) makes it "degraded", still 200: the site
 * serves, but the owner must look.
 */
export async function checkHealth(options: { now?: Date } = {}): Promise<Health> {
  const now = options.now ?? clockNow();
  const started = Date.now();
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
    return { ok: false, status: "down", database: "down", migrations: null, channels: null };
  }
  const expected = await migrationsOnDisk();
  const pending = expected.filter((name) => !applied.includes(name));
  const ok = pending.length === 0;
  const channels = await channelHealth(healthPool(), now, Math.max(100, HEALTH_DEADLINE_MS - (Date.now() - started)));
  const degraded = channels !== null && (channels.staleFeeds.length > 0 || channels.openConflicts > 0);
  return {
    ok,
    status: !ok ? "down" : degraded ? "degraded" : "ok",
    database: "up",
    migrations: { applied: applied.length, expected: expected.length, pending },
    channels,
  };
}
