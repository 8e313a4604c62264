import type { ServerEnv } from "@/lib/env-schema";

// Configurations that parse but cannot run a real site: the server refuses to start with them
// (lib/server/start-up.ts) rather than failing later, for guests, one request at a time.

export interface StartUpFacts {
  env: ServerEnv;
  /** NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY as the browser bundle got it. */
  publishableKey: string | undefined;
}

export function startUpProblems({ env, publishableKey }: StartUpFacts): string[] {
  if (env.NODE_ENV !== "production") return [];
  const problems: string[] = [];
  // Rate limits and the per-guest hold limit key on the client's address. Under `next start`
  // behind nothing, every client would share one key and any client could name its own.
  if (!env.PALM_SOCKET_STAMP && !env.TRUSTED_IP_HEADER && !env.VERCEL) {
    problems.push(
      "cannot tell clients apart: start the server with `npm start` (scripts/server.ts stamps each request with its socket address), " +
        "or set TRUSTED_IP_HEADER to the header your proxy or platform sets to the client address",
    );
  }
  // Without it the checkout page cannot take a card; demo mode (test cards, the emulator or
  // Stripe's test mode) is the only production build that may run without one.
  if (!publishableKey && !env.PAYMENTS_DEMO_MODE) {
    problems.push("NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: required in production (pk_live_... or pk_test_...); guests could not pay without it");
  }
  return problems;
}
