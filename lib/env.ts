import "server-only";
import { parseServerEnv, serverEnvSchema, type ServerEnv } from "./env-schema";

// Validated on first use; instrumentation.ts touches it at start-up so a bad configuration
// stops the server before it takes a request.
let cached: ServerEnv | undefined;

export function getEnv(): ServerEnv {
  cached ??= parseServerEnv(process.env);
  return cached;
}

export const env: ServerEnv = new Proxy({} as ServerEnv, {
  get: (_target, key: string) => getEnv()[key as keyof ServerEnv],
});

/**
 * One variable, validated by the same schema but without requiring the others: for code that may
 * run where the server's secrets are absent (the root layout is prerendered during `next build`).
 * An unset or invalid value gives the schema's default.
 */
export function envVar<K extends keyof ServerEnv>(key: K): ServerEnv[K] {
  const schema = serverEnvSchema.shape[key];
  const parsed = schema.safeParse(process.env[key]);
  return (parsed.success ? parsed.data : schema.safeParse(undefined).data) as ServerEnv[K];
}
