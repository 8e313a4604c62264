import "server-only";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { prisma } from "@/lib/server/db/client";

export interface Health {
  ok: boolean;
  database: "up" | "down";
  migrations: { applied: number; expected: number; pending: string[] } | null;
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
    const rows = await prisma.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    applied = rows.map((r) => r.migration_name);
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
