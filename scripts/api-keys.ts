// Named API keys for integrations (the n8n bot, an AI agent over MCP), for the owner:
//   npm run api-keys -- create <name>   prints the new key once; only its sha256 is stored
//   npm run api-keys -- list            every key: name, first characters, created, revoked
//   npm run api-keys -- revoke <name>   the key stops working on its next request
// Each key is its own caller: its own rate-limit budget and Idempotency-Key namespace.
// SERVICE_API_KEY keeps working beside them. Runs under --conditions=react-server (package.json)
// so it calls the same services the owner console will.
import path from "node:path";
import { config as loadEnvFile } from "dotenv";
import { PrismaClient } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { createApiKey } from "../lib/server/api-keys/create-api-key";
import { listApiKeys } from "../lib/server/api-keys/list-api-keys";
import { revokeApiKey } from "../lib/server/api-keys/revoke-api-key";
import { AppError } from "../lib/server/errors";

const USAGE = "Usage: npm run api-keys -- create <name> | list | revoke <name>";

async function main(): Promise<number> {
  const root = path.resolve(__dirname, "..");
  loadEnvFile({ path: [path.join(root, ".env.local"), path.join(root, ".env")], quiet: true });
  const [command, name, ...rest] = process.argv.slice(2);
  if (!command || rest.length > 0 || ((command === "create" || command === "revoke") && !name) || (command === "list" && name)) {
    console.error(USAGE);
    return 2;
  }
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    console.error("DATABASE_URL is not set: it must be the postgresql:// URL of the app's database.");
    return 1;
  }
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  try {
    if (command === "create") {
      const key = await createApiKey(db, { name: name! });
      console.log(`Created API key "${key.name}". Copy it now: it is shown only this once.\n\n  ${key.key}\n`);
      console.log("Send it as  Authorization: Bearer <key>  (n8n: a Bearer Auth credential; MCP: see docs/mcp.md).");
      return 0;
    }
    if (command === "list") {
      const keys = await listApiKeys(db);
      if (keys.length === 0) console.log("No API keys yet (SERVICE_API_KEY still works).");
      for (const k of keys) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : "live";
        console.log(`${k.name.padEnd(24)} ${`${k.prefix}…`.padEnd(14)} created ${k.createdAt.toISOString()}  ${state}`);
      }
      return 0;
    }
    if (command === "revoke") {
      const revoked = await revokeApiKey(db, { name: name! });
      console.log(`Revoked API key "${revoked.name}".`);
      return 0;
    }
    console.error(USAGE);
    return 2;
  } catch (error) {
    if (error instanceof AppError) {
      console.error(error.issues?.map((i) => i.message).join(" ") || error.message);
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("api-keys failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
