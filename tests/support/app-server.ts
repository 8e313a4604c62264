import { readdirSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

// A real HTTP server for tests that runs the app's own route handlers: it finds every
// app/api/**/route.ts, matches the URL the way the App Router does ([id] segments, literal
// folders such as "ical.ics" and "openapi.json"), imports the module and calls its exported
// METHOD handler with a Request built from the incoming message (raw body and headers kept)
// and { params }. Everything behind the router is the real code against the real database;
// only Next.js's router and server are replaced (docs/decisions.md).

const ROOT = path.resolve(__dirname, "../..");
const SOCKET_IP_HEADER = "x-palm-socket-ip"; // as scripts/server.ts stamps it

type Handler = (request: Request, context: { params: Record<string, string | string[]> }) => Promise<Response> | Response;

interface RouteEntry {
  /** "app/api/v1/units/[id]/route.ts" */
  file: string;
  /** "/api/v1/units/[id]" */
  template: string;
  segments: string[];
  /** Dynamic segments (catch-alls weigh more) for precedence: fewer first. */
  dynamicCount: number;
}

export interface AppServer {
  url: string;
  routes: RouteEntry[];
  close(): Promise<void>;
}

/** Every route.ts under app/api, as templates ("/api/v1/units/[id]/ical.ics"). */
export function discoverRoutes(dir = path.join(ROOT, "app", "api")): RouteEntry[] {
  const out: RouteEntry[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "route.ts" || name === "route.js") {
        const relDir = path.relative(path.join(ROOT, "app"), current).split(path.sep);
        // Route groups "(name)" do not appear in the URL.
        const segments = relDir.filter((s) => !(s.startsWith("(") && s.endsWith(")")));
        out.push({
          file: path.relative(ROOT, full).split(path.sep).join("/"),
          template: `/${segments.join("/")}`,
          segments,
          // A catch-all ranks after every route with fewer of them, as in the App Router.
          dynamicCount: segments.filter((s) => s.startsWith("[")).length + 100 * segments.filter((s) => s.startsWith("[...") || s.startsWith("[[...")).length,
        });
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => a.dynamicCount - b.dynamicCount || b.segments.length - a.segments.length);
}

/** The params of `pathname` for a route, or null when it does not match. */
export function matchRoute(route: Pick<RouteEntry, "segments">, pathname: string): Record<string, string | string[]> | null {
  const parts = pathname.split("/").filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const seg = route.segments[i]!;
    const catchAll = /^\[\[?\.\.\.(.+?)\]?\]$/.exec(seg);
    if (catchAll) {
      const rest = parts.slice(i);
      if (rest.length === 0 && !seg.startsWith("[[")) return null;
      params[catchAll[1]!] = rest;
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    const dynamic = /^\[(.+)\]$/.exec(seg);
    if (dynamic) params[dynamic[1]!] = part;
    else if (seg !== part) return null;
  }
  return parts.length === route.segments.length ? params : null;
}

const modules = new Map<string, Promise<Record<string, unknown>>>();
function load(file: string) {
  let mod = modules.get(file);
  if (!mod) {
    mod = import(path.join(ROOT, file)) as Promise<Record<string, unknown>>;
    modules.set(file, mod);
  }
  return mod;
}

async function readRaw(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function dispatch(routes: RouteEntry[], req: http.IncomingMessage, res: http.ServerResponse, origin: string) {
  const url = new URL(req.url ?? "/", origin);
  const method = (req.method ?? "GET").toUpperCase();
  let found: { route: RouteEntry; params: Record<string, string | string[]> } | undefined;
  for (const route of routes) {
    const params = matchRoute(route, url.pathname);
    if (params) {
      found = { route, params };
      break;
    }
  }
  if (!found) {
    res.writeHead(404, { "content-type": "text/plain" }).end("no route");
    return;
  }
  const mod = await load(found.route.file);
  const handler = (mod[method] ?? (method === "HEAD" ? mod.GET : undefined)) as Handler | undefined;
  if (typeof handler !== "function") {
    // What Next.js answers for a method a route file does not export (every route file exports
    // all seven; error-shape.test.ts checks it).
    res.writeHead(405).end();
    return;
  }

  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
  }
  headers.set(SOCKET_IP_HEADER, req.socket.remoteAddress ?? "");
  headers.set("x-palm-socket-stamp", process.env.PALM_SOCKET_STAMP ?? "");
  const raw = method === "GET" || method === "HEAD" ? undefined : await readRaw(req);
  const request = new Request(url, { method, headers, body: raw && raw.length > 0 ? new Uint8Array(raw) : undefined });

  const response = await handler(request, { params: found.params });
  const outHeaders: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key === "set-cookie") return;
    outHeaders[key] = value;
  });
  const cookies = response.headers.getSetCookie?.() ?? [];
  if (cookies.length) outHeaders["set-cookie"] = cookies;
  const body = method === "HEAD" || response.body === null ? null : Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, outHeaders);
  res.end(body ?? undefined);
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startAppServer(): Promise<AppServer> {
  const routes = discoverRoutes();
  let origin = "http://127.0.0.1";
  const server = http.createServer((req, res) => {
    dispatch(routes, req, res, origin).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`app-server: ${error instanceof Error ? error.stack : String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    routes,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
