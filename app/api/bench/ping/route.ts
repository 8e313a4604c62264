// The benchmark's ceiling route: the cheapest JSON response this server can give (no database, no
// API wrapper, no logging), so `npm run bench` can state every endpoint's throughput as a share of
// what the framework itself can serve on the same machine in the same run.
// It answers 404 unless BENCH_PING=1 (only the benchmark sets it), so production does not expose it.
import { env } from "@/lib/env";
import { otherMethods } from "@/lib/server/http/define-route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET() {
  if (env.BENCH_PING !== "1") return new Response(null, { status: 404 });
  return Response.json({ ok: true });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("/api/bench/ping", ["GET"]);
