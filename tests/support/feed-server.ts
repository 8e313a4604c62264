import http from "node:http";
import type { AddressInfo } from "node:net";

// A real HTTP server on 127.0.0.1 that plays a channel's calendar endpoint. Each path answers
// what the test set: a calendar (with ETag / Last-Modified and a real 304 on a matching
// conditional GET), an error status, a redirect, garbage, an oversized body, or nothing at all
// (a hang, for the timeout).

export type FeedResponse =
  | { kind: "calendar"; body: string; etag?: string; lastModified?: string; contentType?: string }
  | { kind: "status"; status: number; body?: string }
  | { kind: "redirect"; location: string; status?: number }
  | { kind: "hang" }
  | { kind: "oversized"; bytes: number };

export interface FeedServer {
  url: string;
  /** Sets what `path` answers from now on. */
  set(path: string, response: FeedResponse): void;
  /** Requests received per path, with their conditional headers. */
  requests(path: string): Array<{ ifNoneMatch?: string; ifModifiedSince?: string }>;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, FeedResponse>();
  const log = new Map<string, Array<{ ifNoneMatch?: string; ifModifiedSince?: string }>>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const ifNoneMatch = req.headers["if-none-match"];
    const ifModifiedSince = req.headers["if-modified-since"];
    log.set(path, [...(log.get(path) ?? []), { ifNoneMatch, ifModifiedSince }]);
    const route = routes.get(path);
    if (!route) return void res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    switch (route.kind) {
      case "calendar": {
        const headers: Record<string, string> = { "content-type": route.contentType ?? "text/calendar; charset=utf-8" };
        if (route.etag) headers.etag = route.etag;
        if (route.lastModified) headers["last-modified"] = route.lastModified;
        const notModified =
          (route.etag && ifNoneMatch === route.etag) || (!route.etag && route.lastModified && ifModifiedSince === route.lastModified);
        if (notModified) return void res.writeHead(304, headers).end();
        return void res.writeHead(200, headers).end(route.body);
      }
      case "status":
        return void res.writeHead(route.status, { "content-type": "text/html" }).end(route.body ?? `<html><body>${route.status}</body></html>`);
      case "redirect":
        return void res.writeHead(route.status ?? 302, { location: route.location }).end();
      case "hang":
        return; // never answers; the client's deadline must end it
      case "oversized": {
        res.writeHead(200, { "content-type": "text/calendar" });
        const chunk = Buffer.alloc(64 * 1024, "X");
        let sent = 0;
        const pump = () => {
          while (sent < route.bytes) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        res.on("error", () => undefined);
        return void pump();
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    set: (path, response) => void routes.set(path, response),
    requests: (path) => log.get(path) ?? [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
