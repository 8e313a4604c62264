// Prepares a database for the app: applies pending migrations (over DIRECT_URL when set), then
// seeds the units, rates and property settings only when the database has no units yet, so a
// restart never puts back rates the owner has changed since. What the Docker Compose `migrate`
// service runs before the app starts; `npm run db:setup` elsewhere.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { config as loadEnvFile } from "dotenv";
import { Client } from "pg";

const root = path.resolve(__dirname, "..");
loadEnvFile({ path: [path.join(root, ".env.local"), path.join(root, ".env")], quiet: true });
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`${path.basename(command)} ${args.join(" ")} failed`);
    process.exit(result.status ?? 1);
  }
}

async function main() {
  run(bin("prisma"), ["migrate", "deploy"]);
  const client = new Client({ connectionString: process.env.DIRECT_URL || process.env.DATABASE_URL });
  await client.connect();
  const units = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "Unit"`).finally(() => client.end());
  if (units.rows[0]!.n === "0") {
    console.log("No units yet: seeding units, rates and property settings.");
    run(bin("tsx"), [path.join(root, "prisma", "seed.ts")]);
  } else {
    console.log(`Database has ${units.rows[0]!.n} units: seed skipped (run \`npm run db:seed\` to apply prisma/data/rates.ts).`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
