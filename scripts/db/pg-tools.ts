// Backup and restore of the application's schema with PostgreSQL's own pg_dump and pg_restore
// (custom format: compressed, restorable table by table). Used by `npm run db:backup` and
// `npm run db:restore`; see docs/deployment.md, "Backups".
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The schema that holds every table of the app, including Prisma's _prisma_migrations. */
export const APP_SCHEMA = "public";

const INSTALL_HINT =
  "Install the PostgreSQL client tools, at least the major version of the server " +
  "(Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install libpq; Supabase runs PostgreSQL 15 or 17: " +
  "use the matching postgresql-client-15/-17 from apt.postgresql.org when your distribution's is older).";

export class PgToolError extends Error {}

/** The tool's path and version, or a PgToolError saying what to install. */
export function findTool(name: "pg_dump" | "pg_restore" | "psql"): { command: string; version: string } {
  const command = process.env[`PAC_${name.toUpperCase()}`] || name;
  const probe = spawnSync(command, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) throw new PgToolError(`${name} was not found. ${INSTALL_HINT}`);
  return { command, version: probe.stdout.trim() };
}

/** Where backups and restores connect: the direct connection when there is one (never a transaction pooler). */
export function connectionFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const url = env.DIRECT_URL || env.DATABASE_URL;
  if (!url) throw new PgToolError("Set DIRECT_URL or DATABASE_URL (or pass --url) to the database to use.");
  return url;
}

/** The host and database of a URL, for messages: never the user or password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return "(unparseable URL)";
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) return resolve();
      const mismatch = /server version mismatch|unsupported version/i.test(stderr);
      reject(new PgToolError(`${command.split("/").pop()} failed (exit ${code}):\n${stderr.trim()}${mismatch ? `\n${INSTALL_HINT}` : ""}`));
    });
  });
}

export async function backupDatabase(options: { url: string; file: string }): Promise<void> {
  const { command } = findTool("pg_dump");
  await run(command, [
    "--format=custom",
    `--schema=${APP_SCHEMA}`,
    // With --schema, pg_dump leaves extensions out; the EXCLUDE constraints need this one.
    "--extension=btree_gist",
    // Roles differ between a hosted database and the one restored into; the restoring user owns all.
    "--no-owner",
    "--no-privileges",
    `--file=${options.file}`,
    `--dbname=${options.url}`,
  ]);
}

/**
 * Restores a backup into an empty database. The dump's CREATE SCHEMA public is left out (every
 * new database already has that schema); everything else is restored in one transaction.
 */
export async function restoreDatabase(options: { url: string; file: string }): Promise<void> {
  const { command } = findTool("pg_restore");
  const list = spawnSync(command, ["--list", options.file], { encoding: "utf8" });
  if (list.status !== 0) throw new PgToolError(`pg_restore could not read ${options.file}:\n${list.stderr.trim()}`);
  const entries = list.stdout
    .split("\n")
    .filter((line) => !/^\d+; \d+ \d+ (SCHEMA|COMMENT) - (SCHEMA )?public\b/.test(line))
    .join("\n");
  const dir = mkdtempSync(path.join(os.tmpdir(), "pac-restore-"));
  const listFile = path.join(dir, "entries.list");
  writeFileSync(listFile, entries);
  try {
    await run(command, [
      // All or nothing: a failed restore leaves the target as it was.
      "--single-transaction",
      "--exit-on-error",
      "--no-owner",
      "--no-privileges",
      `--use-list=${listFile}`,
      `--dbname=${options.url}`,
      options.file,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
