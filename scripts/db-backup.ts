// `npm run db:backup [-- --url <postgresql://...>] [--out <file>]`: a pg_dump (custom format)
// of the application schema. Connects to --url, else DIRECT_URL, else DATABASE_URL (from the
// environment or .env.local/.env). Default file: backups/palm-aire-court-<UTC time>.dump.
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { config as loadEnvFile } from "dotenv";
import { backupDatabase, connectionFromEnv, describeUrl, PgToolError } from "./db/pg-tools";

const root = path.resolve(__dirname, "..");
loadEnvFile({ path: [path.join(root, ".env.local"), path.join(root, ".env")], quiet: true });

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
};

async function main() {
  const url = option("url") || connectionFromEnv();
  const stamp = new Date().toISOString().replace(/[:.]/g, "-").replace(/-\d\d\dZ$/, "Z");
  const file = path.resolve(option("out") || path.join(root, "backups", `palm-aire-court-${stamp}.dump`));
  mkdirSync(path.dirname(file), { recursive: true });
  console.log(`Backing up ${describeUrl(url)} ...`);
  await backupDatabase({ url, file });
  console.log(`Backup written: ${file} (${Math.ceil(statSync(file).size / 1024)} KB)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof PgToolError ? error.message : error);
  process.exit(1);
});
