import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fetchFeed } from "@/lib/server/channels/fetch-feed";
import { startFeedServer, type FeedServer } from "../support/feed-server";

// The feed fetcher against a real local HTTP server.

const CAL = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//EN\r\nEND:VCALENDAR\r\n";
let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

const get = (path: string, extra: Partial<Parameters<typeof fetchFeed>[0]> = {}) =>
  fetchFeed({ url: `${server.url}${path}`, allowLoopback: true, ...extra });

describe("fetchFeed", () => {
  it("returns the body and validators on 200, and not-modified on a matching conditional GET", async () => {
    server.set("/a.ics", { kind: "calendar", body: CAL, etag: '"v1"', lastModified: "Sun, 01 Nov 2026 12:00:00 GMT" });
    const first = await get("/a.ics");
    expect(first).toEqual({ kind: "ok", body: CAL, etag: '"v1"', lastModified: "Sun, 01 Nov 2026 12:00:00 GMT" });
    const second = await get("/a.ics", { etag: '"v1"', lastModified: "Sun, 01 Nov 2026 12:00:00 GMT" });
    expect(second).toEqual({ kind: "not-modified" });
    expect(server.requests("/a.ics").at(-1)).toEqual({ ifNoneMatch: '"v1"', ifModifiedSince: "Sun, 01 Nov 2026 12:00:00 GMT" });
  });

  it("fails on a server error, with a reason that names no URL", async () => {
    server.set("/down.ics", { kind: "status", status: 500 });
    expect(await get("/down.ics")).toEqual({ kind: "failed", reason: "http 500" });
    server.set("/gone.ics", { kind: "status", status: 404 });
    expect(await get("/gone.ics")).toEqual({ kind: "failed", reason: "http 404" });
  });

  it("gives up at the deadline when the server never answers", async () => {
    server.set("/hang.ics", { kind: "hang" });
    expect(await get("/hang.ics", { timeoutMs: 300 })).toEqual({ kind: "failed", reason: "timeout" });
  });

  it("stops reading an oversized body", async () => {
    server.set("/big.ics", { kind: "oversized", bytes: 4 * 1024 * 1024 });
    expect(await get("/big.ics", { maxBytes: 1024 * 1024 })).toEqual({ kind: "failed", reason: "response too large" });
  });

  it("follows a bounded number of redirects", async () => {
    server.set("/final.ics", { kind: "calendar", body: CAL });
    server.set("/r1.ics", { kind: "redirect", location: "/final.ics" });
    server.set("/r2.ics", { kind: "redirect", location: `${server.url}/r1.ics`, status: 301 });
    expect(await get("/r2.ics")).toMatchObject({ kind: "ok", body: CAL });
    server.set("/loop.ics", { kind: "redirect", location: "/loop.ics" });
    expect(await get("/loop.ics")).toEqual({ kind: "failed", reason: "too many redirects" });
    // 1 first request + 3 redirects followed, then it stops.
    expect(server.requests("/loop.ics")).toHaveLength(4);
  });

  it("refuses a redirect to a private address", async () => {
    server.set("/to-private.ics", { kind: "redirect", location: "http://10.0.0.1/feed.ics" });
    expect(await get("/to-private.ics")).toEqual({ kind: "failed", reason: "address not allowed (not a public address)" });
    server.set("/to-metadata.ics", { kind: "redirect", location: "http://169.254.169.254/latest/meta-data/" });
    expect(await get("/to-metadata.ics")).toEqual({ kind: "failed", reason: "address not allowed (not a public address)" });
  });

  it("decodes a gzip body and caps its decoded size", async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, "A");
    const gz = http.createServer((req, res) => {
      const body = req.url === "/small" ? gzipSync(Buffer.from(CAL)) : gzipSync(big);
      res.writeHead(200, { "content-type": "text/calendar", "content-encoding": "gzip" }).end(body);
    });
    await new Promise<void>((resolve) => gz.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(gz.address() as AddressInfo).port}`;
    try {
      expect(await fetchFeed({ url: `${base}/small`, allowLoopback: true })).toMatchObject({ kind: "ok", body: CAL });
      // About 2 kB compressed, 2 MB decoded: the cap applies to what it decodes to.
      expect(await fetchFeed({ url: `${base}/bomb`, allowLoopback: true, maxBytes: 1024 * 1024 })).toEqual({
        kind: "failed",
        reason: "response too large",
      });
    } finally {
      gz.closeAllConnections();
      await new Promise((resolve) => gz.close(resolve));
    }
  });

  it("refuses other schemes and URLs with credentials", async () => {
    expect(await fetchFeed({ url: "file:///etc/passwd" })).toEqual({ kind: "failed", reason: "only http and https feeds are fetched" });
    expect(await fetchFeed({ url: "ftp://example.test/a.ics" })).toEqual({ kind: "failed", reason: "only http and https feeds are fetched" });
    expect(await fetchFeed({ url: `http://user:pw@127.0.0.1/a.ics`, allowLoopback: true })).toEqual({
      kind: "failed",
      reason: "credentials in the URL are not supported",
    });
    expect(await fetchFeed({ url: "not a url" })).toEqual({ kind: "failed", reason: "not a valid URL" });
  });
});

describe("fetchFeed in production mode (loopback not allowed)", () => {
  const port = () => new URL(server.url).port;
  it.each([
    ["loopback", () => `http://127.0.0.1:${port()}/a.ics`],
    ["loopback by name", () => `http://localhost:${port()}/a.ics`],
    ["another loopback address", () => `http://127.1.2.3:${port()}/a.ics`],
    ["10/8", () => "http://10.1.2.3/a.ics"],
    ["172.16/12", () => "http://172.20.0.5/a.ics"],
    ["192.168/16", () => "http://192.168.0.10/a.ics"],
    ["169.254/16 (cloud metadata)", () => "http://169.254.169.254/latest/meta-data/"],
    ["::1", () => `http://[::1]:${port()}/a.ics`],
    ["IPv4-mapped loopback", () => `http://[::ffff:127.0.0.1]:${port()}/a.ics`],
    ["decimal loopback", () => `http://2130706433:${port()}/a.ics`],
  ])("refuses %s without connecting", async (_name, url) => {
    server.set("/a.ics", { kind: "calendar", body: CAL });
    const before = server.requests("/a.ics").length;
    expect(await fetchFeed({ url: url(), allowLoopback: false, timeoutMs: 2_000 })).toEqual({
      kind: "failed",
      reason: "address not allowed (not a public address)",
    });
    expect(server.requests("/a.ics")).toHaveLength(before);
  });
});
