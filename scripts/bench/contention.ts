// N requests in flight at once, each on its own TCP connection: the connections are opened and
// kept alive by a first round of requests to the ceiling route, then every request of the
// scenario is written in the same tick, so the server really sees N simultaneous requests.
import http from "node:http";
import { percentile } from "./load";

export interface SimpleRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface BurstResult {
  requests: number;
  wallMs: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  statusCodes: Record<string, number>;
  socketErrors: number;
  /** A few response bodies per status, to explain unexpected answers. */
  samples: Record<string, string>;
}

interface Answer {
  status: number | "error";
  ms: number;
  body: string;
  headers?: http.IncomingHttpHeaders;
}

/** One request; never rejects (a failure is status "error"). No agent: a fresh connection. */
function send(agent: http.Agent | undefined, base: URL, req: SimpleRequest, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    const started = performance.now();
    const r = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: req.method,
        path: req.path,
        headers: {
          ...(req.headers ?? {}),
          ...(req.body !== undefined ? { "content-type": "application/json", "content-length": Buffer.byteLength(req.body) } : {}),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body: Buffer.concat(chunks).toString("utf8"), headers: res.headers }),
        );
        res.on("error", (e) => resolve({ status: "error", ms: performance.now() - started, body: String(e) }));
      },
    );
    r.on("timeout", () => r.destroy(new Error(`timeout after ${timeoutMs} ms`)));
    r.on("error", (e) => resolve({ status: "error", ms: performance.now() - started, body: String(e) }));
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function burst(baseUrl: string, requests: SimpleRequest[], warmPath: string, timeoutMs = 10_000): Promise<BurstResult> {
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: requests.length, maxFreeSockets: requests.length, keepAliveMsecs: 30_000 });
  try {
    // Open one connection per request (a simultaneous round of cheap GETs) and keep them.
    await Promise.all(requests.map(() => send(agent, base, { method: "GET", path: warmPath }, timeoutMs)));
    const started = performance.now();
    const answers = await Promise.all(requests.map((r) => send(agent, base, r, timeoutMs)));
    const wallMs = performance.now() - started;
    const sorted = Float64Array.from(answers.map((a) => a.ms)).sort();
    const statusCodes: Record<string, number> = {};
    const samples: Record<string, string> = {};
    for (const a of answers) {
      const key = String(a.status);
      statusCodes[key] = (statusCodes[key] ?? 0) + 1;
      samples[key] ??= a.body.slice(0, 300);
    }
    return {
      requests: requests.length,
      wallMs: round1(wallMs),
      latencyMs: {
        p50: round1(percentile(sorted, 50)),
        p95: round1(percentile(sorted, 95)),
        p99: round1(percentile(sorted, 99)),
        max: round1(sorted[sorted.length - 1] ?? Number.NaN),
      },
      statusCodes,
      socketErrors: statusCodes.error ?? 0,
      samples,
    };
  } finally {
    agent.destroy();
  }
}

/** One request, for probing whether a route exists and what it answers. */
export function once(baseUrl: string, req: SimpleRequest, timeoutMs = 15_000): Promise<Answer> {
  return send(undefined, new URL(baseUrl), req, timeoutMs);
}
