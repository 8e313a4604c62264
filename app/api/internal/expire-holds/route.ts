import { defineRoute, json } from "@/lib/server/http/define-route";
import { expireHolds } from "@/lib/server/jobs/expire-holds";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const expire = defineRoute({
  route: "/api/internal/expire-holds",
  access: "cron",
  cors: "none",
  handler: async () => json(await expireHolds()),
});

// Vercel Cron calls with GET; POST is there for manual runs and other schedulers.
export const GET = expire;
export const POST = expire;
