// The pre-launch checklist the server checks by itself at start-up (docs/deployment.md lists the
// whole checklist). A pure function over plain facts, so every rule is tested without a server;
// lib/server/start-up.ts gathers the facts and acts on the answer.
//
// Two levels. "refuse": running would take guests' bookings but no payment could ever succeed,
// so the server stops with the message (a missing publishable key is refused earlier, by
// lib/server/start-up-checks.ts, unless in demo mode, which the env schema forbids with live keys). "warn": the site works but is not ready for real guests
// (test keys, placeholder contact details or rates); a staging deployment is allowed to run
// like that, so it is logged loudly at every start instead.

export interface LaunchFacts {
  nodeEnv: "development" | "test" | "production";
  stripeSecretKey: string;
  /** NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY as built into the site ("" when unset). */
  stripePublishableKey: string;
  /** STRIPE_API_BASE: set only for the local emulator. */
  stripeApiBase?: string;
  origin: string;
  upstashConfigured: boolean;
  /** Running on Vercel (VERCEL is set): many short-lived instances serve the site. */
  serverless: boolean;
  /** Where the owner's notifications go; undefined when not set. */
  ownerEmail?: string;
  /** The property's settings row as stored (undefined when the seed has not created it). */
  property?: { email: string; phone: string; addressLine1: string };
  /** `placeholderRates` of prisma/data/rates.ts: true until the owner puts in their own figures. */
  placeholderRates: boolean;
}

export interface LaunchProblem {
  level: "refuse" | "warn";
  /** Stable name of the checklist item, e.g. "stripe-test-key". */
  check: string;
  message: string;
}

// Shipped contact details (prisma/data/property.ts) and reserved example values: .example/.test/
// .invalid domains (RFC 2606) and the 555-0100..0199 telephone numbers reserved for fiction.
const PLACEHOLDER_ADDRESS = "123 Palm Aire Court";
const placeholderEmail = (email: string) => /@([^@]+\.)?(example(\.(com|org|net))?|test|invalid|localhost)$/i.test(email.trim());
const placeholderPhone = (phone: string) => /555[\s.-]?01\d\d\b/.test(phone.replace(/[()]/g, ""));

export function checkLaunchReadiness(facts: LaunchFacts): LaunchProblem[] {
  if (facts.nodeEnv !== "production") return [];
  const problems: LaunchProblem[] = [];
  const secretMode = /^(sk|rk)_live_/.test(facts.stripeSecretKey) ? "live" : "test";
  const publishable = facts.stripePublishableKey.trim();
  const publishableMode = publishable === "" ? undefined : /^pk_live_/.test(publishable) ? "live" : "test";

  if (publishableMode !== undefined && publishableMode !== secretMode) {
    problems.push({
      level: "refuse",
      check: "stripe-key-modes",
      message: `STRIPE_SECRET_KEY is a ${secretMode} key but NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is a ${publishableMode} key: every payment would fail. Use the pair from one Stripe mode.`,
    });
  }
  if (secretMode === "test") {
    problems.push({
      level: "warn",
      check: "stripe-test-key",
      message: "STRIPE_SECRET_KEY is a test key: no real money is taken. Use the sk_live_ key (and pk_live_, and the live webhook's secret) to launch.",
    });
  }
  if (facts.stripeApiBase) {
    problems.push({
      level: "warn",
      check: "stripe-api-base",
      message: "STRIPE_API_BASE is set: Stripe calls go to that server, not to Stripe. Remove it in production.",
    });
  }
  if (!/^https:\/\//i.test(facts.origin) && !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\/?$/i.test(facts.origin)) {
    problems.push({
      level: "warn",
      check: "https-origin",
      message: `ORIGIN is ${facts.origin}: guests should reach the site over https.`,
    });
  }
  if (!facts.ownerEmail) {
    problems.push({
      level: "warn",
      check: "owner-email",
      message: "OWNER_EMAIL is not set: owner alerts go to the property's public contact email. Set your own address.",
    });
  }
  if (!facts.property) {
    problems.push({
      level: "warn",
      check: "property-settings",
      message: "The property's settings row is missing: run `npm run db:seed` once against this database.",
    });
  } else {
    const placeholders: string[] = [];
    if (placeholderEmail(facts.property.email)) placeholders.push(`email ${facts.property.email}`);
    if (placeholderPhone(facts.property.phone)) placeholders.push(`phone ${facts.property.phone}`);
    if (facts.property.addressLine1.trim() === PLACEHOLDER_ADDRESS) placeholders.push(`address ${facts.property.addressLine1}`);
    if (placeholders.length > 0) {
      problems.push({
        level: "warn",
        check: "property-contact",
        message: `The property's contact details are still the shipped placeholders (${placeholders.join(", ")}): guests see them on the site and in emails. Edit the PropertySettings row.`,
      });
    }
  }
  if (facts.placeholderRates) {
    problems.push({
      level: "warn",
      check: "placeholder-rates",
      message:
        "prisma/data/rates.ts still holds the example rates (placeholderRates = true): put in your own figures, set placeholderRates to false, run `npm run db:seed` and redeploy.",
    });
  }
  if (facts.serverless && !facts.upstashConfigured) {
    problems.push({
      level: "warn",
      check: "shared-rate-limits",
      message:
        "UPSTASH_REDIS_REST_URL is not set: on Vercel each instance counts rate limits on its own, so they hardly limit anything. Add an Upstash Redis database.",
    });
  }
  return problems;
}
