// Fixed-concurrency load with autocannon (closed loop: each connection sends its next request
// when the previous answer arrives), plus per-request latencies collected from autocannon's
// `response` event so p95 is exact (autocannon itself reports p2.5/p50/p90/p97.5/p99 only).

// autocannon ships no type declarations; this is the part of its API the harness uses.
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p97_5: number; p99: number; max: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
  duration: number;
}
interface AutocannonInstance {
  on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
}
type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require("autocannon") as Autocannon;

export interface LoadTarget {
  /** Short key used in the report, e.g. "availability". */
  key: string;
  /** What is requested, e.g. "GET /api/v1/availability (30 nights)". */
  label: string;
  /** Cycled per connection; several entries spread the load over the units. */
  requests: AutocannonRequest[];
}

export interface LoadResult {
  connections: number;
  durationS: number;
  requests: number;
  /** autocannon's requests.average: mean of the per-second request counts. */
  rps: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** autocannon's own histogram (2xx responses only), for comparison. */
  autocannonLatencyMs: { p50: number; p97_5: number; p99: number };
  non2xx: number;
  socketErrors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * `overallRate` paces the connections to that many requests per second in all (autocannon's
 * overallRate): latency at a stated offered load rather than at saturation, where a closed loop's
 * mean latency is simply connections ÷ throughput.
 */
export function runLoad(baseUrl: string, target: LoadTarget, connections: number, durationS: number, overallRate?: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon(
      { url: baseUrl, connections, duration: durationS, timeout: 10, requests: target.requests, ...(overallRate ? { overallRate } : {}) },
      (error, result) => {
        if (error) return reject(error);
        const sorted = Float64Array.from(latencies).sort();
        const mean = latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length);
        resolve({
          connections,
          durationS: result.duration,
          requests: result.requests.total,
          rps: Math.round(result.requests.average),
          latencyMs: {
            p50: round1(percentile(sorted, 50)),
            p95: round1(percentile(sorted, 95)),
            p99: round1(percentile(sorted, 99)),
            max: round1(sorted.length ? sorted[sorted.length - 1]! : Number.NaN),
            mean: round1(mean),
          },
          autocannonLatencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99 },
          non2xx: result.non2xx,
          socketErrors: result.errors,
          timeouts: result.timeouts,
          statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
        });
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
}
