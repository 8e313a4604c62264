import { config as loadEnvFile } from "dotenv";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Same files Next.js reads, so `npm run db:migrate` sees the DATABASE_URL the app uses.
loadEnvFile({ path: [".env.local", ".env"], quiet: true });

// `prisma generate` reads the schema's datasource url but never connects; without a value it
// falls back to downloading a native engine, which fails offline. A fresh clone (postinstall)
// has no DATABASE_URL yet, so it gets a placeholder; migrate then fails to connect, clearly.
process.env.DATABASE_URL ||= "postgresql://127.0.0.1:5432/DATABASE_URL-is-not-set";

// Migrations run over DIRECT_URL when it is set: behind Supabase's transaction pooler (the
// DATABASE_URL the app uses) a migration's session state and its advisory lock would not stay on
// one server connection. The app itself never reads DIRECT_URL.
const migrationUrl = process.env.DIRECT_URL || process.env.DATABASE_URL;

// The "js" engine runs migrations through the bundled WebAssembly schema engine and the pg driver
// adapter, so `prisma generate`, `migrate deploy` and `db seed` need no engine download.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => new PrismaPg({ connectionString: migrationUrl }),
});
