import "server-only";
import { env } from "@/lib/env";

/**
 * public: any origin may read (GET endpoints, iCal feed).
 * private: only ORIGIN and N8N_ORIGIN (holds, checkout, cancel).
 * none: no CORS headers at all (Stripe webhook, cron).
 */
export type CorsPolicy = "public" | "private" | "none";

function allowedPrivateOrigins(): string[] {
  return [env.ORIGIN, env.N8N_ORIGIN].filter((o): o is string => Boolean(o)).map((o) => new URL(o).origin);
}

export function isOriginAllowed(policy: CorsPolicy, origin: string | null): boolean {
  if (policy === "public") return true;
  if (policy === "none" || !origin) return false;
  return allowedPrivateOrigins().includes(origin);
}

export function corsHeaders(policy: CorsPolicy, origin: string | null): Record<string, string> {
  if (policy === "none" || !origin) return {};
  if (policy === "public") return { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "X-Request-Id, Retry-After" };
  // The answer depends on Origin, so caches must key on it, allowed or not.
  if (!isOriginAllowed(policy, origin)) return { Vary: "Origin" };
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": "X-Request-Id, Retry-After, Idempotent-Replayed",
    Vary: "Origin",
  };
}

export function preflightHeaders(policy: CorsPolicy, origin: string | null, methods: string): Record<string, string> {
  return {
    ...corsHeaders(policy, origin),
    "Access-Control-Allow-Methods": `${methods}, OPTIONS`,
    "Access-Control-Allow-Headers": "Authorization, Content-Type, X-Request-Id, Idempotency-Key",
    "Access-Control-Max-Age": "600",
  };
}
