// `npm run db:restore -- <backup file> [--url <postgresql://...>]`: restores a backup made by
// `npm run db:backup` into an EMPTY database (a new Supabase project, or `createdb`), in one
// transaction. Connects to --url, else DIRECT_URL, else DATABASE_URL. It refuses a database that
// already holds the app's tables: restore next to the live database, check it, then switch
// DATABASE_URL over (docs/deployment.md, "Backups").
import { existsSync } from "node:fs";
import path from "node:path";
import { config as loadEnvFile } from "dotenv";
import { Client } from "pg";
import { connectionFromEnv, describeUrl, PgToolError, restoreDatabase } from "./db/pg-tools";

const root = path.resolve(__dirname, "..");
loadEnvFile({ path: [path.join(root, ".env.local"), path.join(root, ".env")], quiet: true });

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};

async function main() {
  const file = argv.find((a, i) => !a.startsWith("--") && !argv[i - 1]?.startsWith("--url"));
  if (!file) throw new PgToolError("Usage: npm run db:restore -- <backup file> [--url postgresql://...]");
  if (!existsSync(file)) throw new PgToolError(`No such backup file: ${file}`);
  const url = option("url") || connectionFromEnv();

  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query<{ tables: string }>(
      `SELECT count(*)::text AS tables FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('Unit', 'Booking', '_prisma_migrations')`,
    );
    if (Number(found.rows[0]!.tables) > 0) {
      throw new PgToolError(
        `${describeUrl(url)} already holds the app's tables. Restore into an empty database and point DATABASE_URL at it; this script never overwrites data.`,
      );
    }
  } finally {
    await client.end();
  }

  console.log(`Restoring ${path.basename(file)} into ${describeUrl(url)} ...`);
  await restoreDatabase({ url, file });
  console.log("Restore complete.");
}

main().catch((error: unknown) => {
  console.error(error instanceof PgToolError ? error.message : error);
  process.exit(1);
});
