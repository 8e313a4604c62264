import "server-only";
import { EnvError, parseServerEnv } from "@/lib/env-schema";
import { startJobTimer } from "@/lib/server/jobs/job-timer";
import { startUpProblems } from "@/lib/server/start-up-checks";

// Validate configuration before serving anything: a missing or malformed variable stops the
// process with a message naming it.
try {
  const env = parseServerEnv(process.env);
  const problems = startUpProblems({ env, publishableKey: process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY });
  if (problems.length > 0) throw new EnvError(problems);
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

startJobTimer();
