import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { now as clockNow } from "@/lib/clock";
import { prisma } from "@/lib/server/db/client";
import { listOpenConflicts, listStaleFeeds } from "@/lib/server/channels/channel-health";

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

let expectedMigrations: string[] | undefined;

async function migrationsOnDisk(): Promise<string[]> {
  if (!expectedMigrations) {
    const dir = path.join(process.cwd(), "prisma", "migrations");
    const entries = await readdir(dir, { withFileTypes: true });
    expectedMigrations = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  }
  return expectedMigrations;
}

async function channelHealth(now: Date): Promise<Health["channels"]> {
  try {
    const [stale, conflicts] = await Promise.all([listStaleFeeds({ now }), listOpenConflicts({ now })]);
    return {
      staleFeeds: stale.map((f) => ({ feedId: f.feedId, unitId: f.unitId, channel: f.channel, lastSuccessAt: f.lastSuccessAt?.toISOString() ?? null })),
      openConflicts: conflicts.length,
    };
  } catch {
    // Tables of a pending migration: the migrations report already says what is wrong.
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
  let applied: string[];
  try {
    const rows = await prisma.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    applied = rows.map((r) => r.migration_name);
  } catch {
    return { ok: false, status: "down", database: "down", migrations: null, channels: null };
  }
  const expected = await migrationsOnDisk();
  const pending = expected.filter((name) => !applied.includes(name));
  const ok = pending.length === 0;
  const channels = await channelHealth(now);
  const degraded = channels !== null && (channels.staleFeeds.length > 0 || channels.openConflicts > 0);
  return {
    ok,
    status: !ok ? "down" : degraded ? "degraded" : "ok",
    database: "up",
    migrations: { applied: applied.length, expected: expected.length, pending },
    channels,
  };
}
