import "server-only";
import { parseServerEnv, type ServerEnv } from "./env-schema";

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
