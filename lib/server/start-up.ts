import "server-only";
import { EnvError, parseServerEnv, type ServerEnv } from "@/lib/env-schema";
import { ensureFirstOwner } from "@/lib/server/auth/ensure-first-owner";
import { startJobTimer } from "@/lib/server/jobs/job-timer";
import { logger } from "@/lib/server/logger";
import { startUpProblems } from "@/lib/server/start-up-checks";

// Validate configuration before serving anything: a missing or malformed variable stops the
// process with a message naming it.
let config: ServerEnv;
try {
  config = parseServerEnv(process.env);
  const problems = startUpProblems({ env: config, publishableKey: process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY });
  if (problems.length > 0) throw new EnvError(problems);
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

startJobTimer();

// The console's first owner comes from OWNER_EMAIL. A failure here (the database not reachable
// yet) is logged and the next start tries again; it never stops the site.
ensureFirstOwner(config.OWNER_EMAIL).catch((error: unknown) => logger.error({ err: error }, "could not set up the first console owner"));
