// Configuration every integration test runs with. Secrets here are test-only values.
export const TEST_SERVICE_API_KEY = "test-service-key-0123456789abcdef0123456789abcdef";
export const TEST_OWNER_API_KEY = "test-owner-key-0123456789abcdef0123456789abcdef";
export const TEST_CRON_SECRET = "test-cron-secret-0123456789";
export const TEST_WEBHOOK_SECRET = "whsec_testsecret0123456789abcdef";
export const TEST_ORIGIN = "http://localhost:3000";
export const TEST_N8N_ORIGIN = "https://n8n.example.test";

export function adminDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function databaseUrlFor(name: string): string {
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}
