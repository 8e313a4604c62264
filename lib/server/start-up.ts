import "server-only";
import { EnvError, parseServerEnv, type ServerEnv } from "@/lib/env-schema";
import { publicEnv } from "@/lib/public-env";
import { checkLaunchReadiness, type LaunchFacts } from "@/lib/server/launch/check-launch-readiness";
import { startUpProblems } from "@/lib/server/start-up-checks";
import { placeholderRates } from "@/prisma/data/rates";

/**
 * Runs once before the server takes requests (instrumentation.ts). A missing or malformed
 * variable, or a configuration that cannot run a real site, stops the process with a message
 * naming it; in production, so does one under which no payment could succeed, and the rest of
 * the pre-launch checklist is logged as warnings at every start (docs/deployment.md).
 */
export async function startUp(): Promise<void> {
  let env: ServerEnv;
  try {
    env = parseServerEnv(process.env);
    const problems = startUpProblems({ env, publishableKey: process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY });
    if (problems.length > 0) throw new EnvError(problems);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  if (env.NODE_ENV === "production") await checkLaunch(env);
  // Imported only now: the job modules create the database client, which reads DATABASE_URL as
  // they load; imported above, a missing DATABASE_URL failed the import before the check could
  // name it, and Next.js logged it and served anyway.
  const { startJobTimer } = await import("@/lib/server/jobs/job-timer");
  startJobTimer();

  // The console's first owner comes from OWNER_EMAIL. A failure here (the database not reachable
  // yet) is logged and the next start tries again; it never stops the site.
  const [{ ensureFirstOwner }, { logger }] = await Promise.all([import("@/lib/server/auth/ensure-first-owner"), import("@/lib/server/logger")]);
  ensureFirstOwner(env.OWNER_EMAIL).catch((error: unknown) => logger.error({ err: error }, "could not set up the first console owner"));
}

async function checkLaunch(env: ServerEnv): Promise<void> {
  // Imported here so a configuration error above is reported before any database client exists.
  const { logger } = await import("@/lib/server/logger");
  const facts: LaunchFacts = {
    nodeEnv: env.NODE_ENV,
    stripeSecretKey: env.STRIPE_SECRET_KEY,
    stripePublishableKey: publicEnv.stripePublishableKey,
    stripeApiBase: env.STRIPE_API_BASE,
    origin: env.ORIGIN,
    upstashConfigured: Boolean(env.UPSTASH_REDIS_REST_URL),
    serverless: Boolean(env.VERCEL),
    ownerEmail: env.OWNER_EMAIL,
    property: await readPropertyContact().catch((error: unknown) => {
      logger.warn({ err: error }, "pre-launch check could not read the property settings");
      return undefined;
    }),
    placeholderRates,
  };
  const problems = checkLaunchReadiness(facts);
  const refusals = problems.filter((p) => p.level === "refuse");
  if (refusals.length > 0) {
    console.error(`Refusing to start in production:\n${refusals.map((p) => `  - ${p.check}: ${p.message}`).join("\n")}`);
    process.exit(1);
  }
  for (const problem of problems) logger.warn({ check: problem.check }, `NOT READY FOR LAUNCH: ${problem.message}`);
}

async function readPropertyContact(): Promise<LaunchFacts["property"]> {
  const { prisma } = await import("@/lib/server/db/client");
  const row = await prisma.propertySettings.findUnique({ where: { id: 1 }, select: { email: true, phone: true, addressLine1: true } });
  return row ?? undefined;
}
