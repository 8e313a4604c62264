import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";
import { runJobsOrFail } from "@/lib/server/jobs/run-due-jobs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// The spec's hold-expiry route, kept for schedulers configured with it: the expire-holds job of
// /api/internal/jobs, answering with its count as before.
const expire = defineRoute({
  route: "/api/internal/expire-holds",
  access: "cron",
  cors: "none",
  handler: async () => json((await runJobsOrFail({ only: ["expire-holds"] }))["expire-holds"]),
});

// Vercel Cron calls with GET; POST is there for manual runs and other schedulers.
export const GET = expire;
export const POST = expire;

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/internal/expire-holds", ["GET", "POST"]);
