import { config as loadEnvFile } from "dotenv";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Same files Next.js reads, so `npm run db:migrate` sees the DATABASE_URL the app uses.
loadEnvFile({ path: [".env.local", ".env"], quiet: true });

// `prisma generate` reads the schema's datasource url but never connects; without a value it
// falls back to downloading a native engine, which fails offline. A fresh clone (postinstall)
// has no DATABASE_URL yet, so it gets a placeholder; migrate then fails to connect, clearly.
process.env.DATABASE_URL ||= "postgresql://127.0.0.1:5432/DATABASE_URL-is-not-set";

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
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
