import "server-only";
import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import zlib from "node:zlib";
import { isAllowedAddress } from "./public-address";

// Fetches one import feed: conditional GET, a deadline for the whole exchange, a size cap on the
// decoded body, at most MAX_REDIRECTS redirects, and only public http(s) addresses. The address is
// checked after DNS resolution and the connection is pinned to the checked address, so a name
// that resolves to a public address for the check and a private one for the connect (DNS
// rebinding) still cannot reach the private network. Every redirect target is checked again.

export const FEED_TIMEOUT_MS = 15_000;
/** Real feeds are a few kB to a few hundred kB; 5 MB leaves room for years of events. */
export const FEED_MAX_BYTES = 5 * 1024 * 1024;
export const MAX_REDIRECTS = 3;

export interface FetchFeedOptions {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Admit 127/8 and ::1 (tests, local dev). Private and link-local ranges are always refused. */
  allowLoopback?: boolean;
}

export type FetchFeedResult =
  | { kind: "not-modified" }
  | { kind: "ok"; body: string; etag: string | null; lastModified: string | null }
  | { kind: "failed"; reason: string };

class FeedFetchError extends Error {}

/** The address to connect to for `url`, or a FeedFetchError saying why it may not be fetched. */
export async function resolveFeedTarget(url: URL, allowLoopback: boolean): Promise<{ address: string; family: 4 | 6 }> {
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new FeedFetchError("only http and https feeds are fetched");
  if (url.username || url.password) throw new FeedFetchError("credentials in the URL are not supported");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new FeedFetchError("host not found");
    }
  }
  // Every address must be public: a name with one private address among public ones is refused
  // rather than hoping the connection picks a public one.
  if (addresses.length === 0 || addresses.some((a) => !isAllowedAddress(a.address, { allowLoopback }))) {
    throw new FeedFetchError("address not allowed (not a public address)");
  }
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

interface Hop {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer | null;
}

function requestOnce(url: URL, target: { address: string; family: 4 | 6 }, headers: Record<string, string>, maxBytes: number, signal: AbortSignal): Promise<Hop> {
  // Pins the connection to the checked address (the hostname still goes to TLS for SNI and the
  // certificate check).
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [target]);
    } else callback(null, target.address, target.family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    const req = client.request(url, { method: "GET", headers, lookup: pinned, signal, agent: false }, (res) => {
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        res.resume();
        resolve({ status, headers: res.headers, body: null });
        return;
      }
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > maxBytes && !res.headers["content-encoding"]) {
        req.destroy();
        reject(new FeedFetchError("response too large"));
        return;
      }
      const encoding = String(res.headers["content-encoding"] ?? "identity").toLowerCase();
      let stream: NodeJS.ReadableStream = res;
      if (encoding === "gzip" || encoding === "x-gzip") stream = res.pipe(zlib.createGunzip());
      else if (encoding === "deflate") stream = res.pipe(zlib.createInflate());
      else if (encoding === "br") stream = res.pipe(zlib.createBrotliDecompress());
      else if (encoding !== "identity") {
        req.destroy();
        reject(new FeedFetchError("unsupported content encoding"));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      // The cap applies to the decoded bytes, so a small compressed bomb is stopped too.
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          req.destroy();
          reject(new FeedFetchError("response too large"));
          return;
        }
        chunks.push(chunk);
      });
      stream.on("end", () => resolve({ status, headers: res.headers, body: Buffer.concat(chunks) }));
      stream.on("error", (error) => reject(error));
      res.on("error", (error) => reject(error));
    });
    req.on("error", reject);
    req.end();
  });
}

function header(headers: http.IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return typeof value === "string" && value.length > 0 && value.length <= 512 ? value : null;
}

/**
 * Fetches a feed. Never throws: a failure is a `failed` result with a short reason that names
 * neither the URL nor the body (feed URLs carry the channel's secret token).
 */
export async function fetchFeed(options: FetchFeedOptions): Promise<FetchFeedResult> {
  const timeoutMs = options.timeoutMs ?? FEED_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? FEED_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const headers: Record<string, string> = {
    "User-Agent": "PalmAireCourt-CalendarSync/1.0",
    Accept: "text/calendar, text/plain;q=0.5, */*;q=0.1",
    "Accept-Encoding": "gzip, deflate, br",
  };
  if (options.etag) headers["If-None-Match"] = options.etag;
  if (options.lastModified) headers["If-Modified-Since"] = options.lastModified;
  try {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      return { kind: "failed", reason: "not a valid URL" };
    }
    for (let hop = 0; ; hop++) {
      const target = await resolveFeedTarget(url, options.allowLoopback ?? false);
      const res = await requestOnce(url, target, headers, maxBytes, controller.signal);
      if ([301, 302, 303, 307, 308].includes(res.status)) {
        const location = header(res.headers, "location");
        if (!location) return { kind: "failed", reason: `http ${res.status} without Location` };
        if (hop >= maxRedirects) return { kind: "failed", reason: "too many redirects" };
        url = new URL(location, url);
        continue;
      }
      if (res.status === 304) return { kind: "not-modified" };
      if (res.status !== 200 || !res.body) return { kind: "failed", reason: `http ${res.status}` };
      return {
        kind: "ok",
        body: res.body.toString("utf8"),
        etag: header(res.headers, "etag"),
        lastModified: header(res.headers, "last-modified"),
      };
    }
  } catch (error) {
    if (controller.signal.aborted) return { kind: "failed", reason: "timeout" };
    if (error instanceof FeedFetchError) return { kind: "failed", reason: error.message };
    const code = (error as { code?: unknown }).code;
    return { kind: "failed", reason: typeof code === "string" ? `network error ${code}` : "network error" };
  } finally {
    clearTimeout(timer);
  }
}
