// Fixed-concurrency load with autocannon (closed loop: each connection sends its next request
// when the previous answer arrives), plus per-request latencies collected from autocannon's
// `response` event so p95 is exact (autocannon itself reports p2.5/p50/p90/p97.5/p99 only) and
// only the measured window counts; and an evenly paced open loop (runPaced) for latency at a
// stated load.

import http from "node:http";

// autocannon ships no type declarations; this is the part of its API the harness uses.
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface AutocannonResult {
  latency: { p50: number; p97_5: number; p99: number };
  errors: number;
  timeouts: number;
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
  /** Report latency per kind of request (method and path without the query): for a mix of endpoints. */
  byKind?: boolean;
}

export interface LoadResult {
  connections: number;
  durationS: number;
  requests: number;
  /** Requests answered in the measured window ÷ its length. */
  rps: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** autocannon's own histogram (2xx responses only, settling time included), for comparison. */
  autocannonLatencyMs: { p50: number; p97_5: number; p99: number };
  non2xx: number;
  socketErrors: number;
  timeouts: number;
  /** Answers in the measured window by status code. */
  statusCodes: Record<string, number>;
  /** Latency by request kind (method and path without the query), when the target asks for it. */
  byKind?: Record<string, { requests: number; p50: number; p95: number; p99: number; max: number }>;
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export interface LoadOptions {
  /**
   * Seconds of load on the same connections before the measured window: the connections are
   * opened and settled, and nothing answered in this time is counted. Opening 50 connections
   * against a saturated server costs their first requests up to a second (each new connection
   * waits for the server's accept between full turns of its event loop), which is the load
   * generator starting, not the endpoint: see bench/README.md.
   */
  settleS?: number;
  /** Called when the measured window starts (after settleS), e.g. to snapshot CPU counters. */
  onMeasureStart?: () => void;
}

export function runLoad(baseUrl: string, target: LoadTarget, connections: number, durationS: number, options: LoadOptions = {}): Promise<LoadResult> {
  const settleS = options.settleS ?? 0;
  return new Promise((resolve, reject) => {
    const counts = new WindowCounts(target.byKind === true);
    let measuring = settleS === 0;
    if (measuring) options.onMeasureStart?.();
    const settle = measuring
      ? undefined
      : setTimeout(() => {
          measuring = true;
          options.onMeasureStart?.();
        }, settleS * 1000);
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        duration: settleS + durationS,
        timeout: 10,
        requests: target.requests,
      },
      (error, result) => {
        clearTimeout(settle);
        if (error) return reject(error);
        resolve(
          counts.result(connections, durationS, {
            autocannonLatencyMs: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99 },
            socketErrors: result.errors,
            timeouts: result.timeouts,
          }),
        );
      },
    );
    instance.on("response", (client, status, _bytes, responseTime) => {
      if (!measuring) return;
      // Without pipelining the client's current request is the one just answered: autocannon
      // moves to the next only after this event.
      const request = (client as { requestIterator?: { currentRequest?: AutocannonRequest } }).requestIterator?.currentRequest;
      counts.add(status, responseTime, request);
    });
  });
}

function kindOf(request: AutocannonRequest): string {
  return `${request.method ?? "GET"} ${(request.path ?? "/").split("?")[0]}`;
}

function latencySummary(list: number[]): LoadResult["latencyMs"] {
  const sorted = Float64Array.from(list).sort();
  return {
    p50: round1(percentile(sorted, 50)),
    p95: round1(percentile(sorted, 95)),
    p99: round1(percentile(sorted, 99)),
    max: round1(sorted.length ? sorted[sorted.length - 1]! : Number.NaN),
    mean: round1(list.reduce((a, b) => a + b, 0) / Math.max(1, list.length)),
  };
}

/** The answers one run counts in its measured window, and the LoadResult they make. */
class WindowCounts {
  private readonly latencies: number[] = [];
  private readonly statusCodes: Record<string, number> = {};
  private non2xx = 0;
  private readonly kinds: Map<string, number[]> | undefined;

  constructor(byKind: boolean) {
    this.kinds = byKind ? new Map() : undefined;
  }

  add(status: number, ms: number, request: AutocannonRequest | undefined): void {
    this.latencies.push(ms);
    this.statusCodes[status] = (this.statusCodes[status] ?? 0) + 1;
    if (status < 200 || status > 299) this.non2xx++;
    if (!this.kinds || !request) return;
    const kind = kindOf(request);
    let list = this.kinds.get(kind);
    if (!list) this.kinds.set(kind, (list = []));
    list.push(ms);
  }

  result(connections: number, durationS: number, rest: Pick<LoadResult, "autocannonLatencyMs" | "socketErrors" | "timeouts">): LoadResult {
    return {
      connections,
      durationS,
      requests: this.latencies.length,
      rps: Math.round(this.latencies.length / durationS),
      latencyMs: latencySummary(this.latencies),
      non2xx: this.non2xx,
      statusCodes: this.statusCodes,
      ...rest,
      ...(this.kinds
        ? { byKind: Object.fromEntries([...this.kinds].map(([kind, list]) => [kind, { requests: list.length, ...latencySummary(list) }])) }
        : {}),
    };
  }
}

/**
 * Open-loop load at a stated rate: request i is due at i ÷ rate seconds, whatever the earlier ones
 * are doing, over at most `connections` kept-alive connections (a request due while all are busy
 * waits for one, and that wait counts in its latency: latency runs from when the request was due,
 * so a slow server cannot hide its queue by slowing the generator down). autocannon's overallRate
 * cannot do this: it lets each connection send its quota for the second as fast as it can at the
 * top of every second, so "paced" load arrives as a saturating burst once a second.
 */
export function runPaced(baseUrl: string, target: LoadTarget, connections: number, durationS: number, rate: number, options: LoadOptions = {}): Promise<LoadResult> {
  const settleS = options.settleS ?? 0;
  const base = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const counts = new WindowCounts(target.byKind === true);
  let socketErrors = 0;
  let timeouts = 0;
  const started = performance.now();
  const measureFrom = started + settleS * 1000;
  const end = measureFrom + durationS * 1000;
  let sent = 0;
  let inFlight = 0;
  let measureStarted = false;
  return new Promise((resolve) => {
    const record = (due: number, request: AutocannonRequest, status: number | "error" | "timeout") => {
      inFlight--;
      if (due >= measureFrom && due < end) {
        if (status === "error") socketErrors++;
        else if (status === "timeout") timeouts++;
        else counts.add(status, performance.now() - due, request);
      }
      if (inFlight === 0 && performance.now() >= end) finish();
    };
    const fire = (due: number) => {
      const request = target.requests[sent % target.requests.length]!;
      sent++;
      inFlight++;
      const req = http.request(
        { agent, host: base.hostname, port: base.port, method: request.method ?? "GET", path: request.path ?? "/", headers: request.headers, timeout: 10_000 },
        (res) => {
          res.resume();
          res.on("end", () => record(due, request, res.statusCode ?? 0));
          res.on("error", () => record(due, request, "error"));
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", (error) => record(due, request, error.message === "timeout" ? "timeout" : "error"));
      req.end(request.body);
    };
    const tick = setInterval(() => {
      const now = performance.now();
      if (!measureStarted && now >= measureFrom) {
        measureStarted = true;
        options.onMeasureStart?.();
      }
      const dueCount = Math.floor(((Math.min(now, end) - started) / 1000) * rate);
      while (sent < dueCount) fire(started + (sent / rate) * 1000);
      if (now >= end) {
        clearInterval(tick);
        if (inFlight === 0) finish();
      }
    }, 1);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      agent.destroy();
      resolve(counts.result(connections, durationS, { autocannonLatencyMs: { p50: Number.NaN, p97_5: Number.NaN, p99: Number.NaN }, socketErrors, timeouts }));
    };
  });
}
