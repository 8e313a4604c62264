import "server-only";
import { EnvError, parseServerEnv } from "@/lib/env-schema";
import { startJobTimer } from "@/lib/server/jobs/job-timer";

// Validate configuration before serving anything: a missing or malformed variable stops the
// process with a message naming it.
try {
  parseServerEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

startJobTimer();
