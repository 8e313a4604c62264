import { defineRoute, json, otherMethods } from "@/lib/server/http/define-route";
import { runJobsOrFail } from "@/lib/server/jobs/run-due-jobs";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
// A slow job (a calendar feed, an SMTP server) must not cut the others short on Vercel.
export const maxDuration = 60;

// The one scheduler entry point: runs every background job once. Safe at any frequency and
// concurrently (each job claims its own work), so any scheduler may call it: Vercel Cron,
// Supabase pg_cron + pg_net, or an external cron (docs/deployment.md).
const runJobs = defineRoute({
  route: "/api/internal/jobs",
  access: "cron",
  cors: "none",
  handler: async () => json({ jobs: await runJobsOrFail() }),
});

// Vercel Cron calls with GET; POST is for other schedulers and manual runs.
export const GET = runJobs;
export const POST = runJobs;

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/internal/jobs", ["GET", "POST"]);
