import http from "node:http";

// A real HTTP server on 127.0.0.1 in front of route handlers imported in-process, so something
// that speaks HTTP (the Stripe emulator delivering webhooks) can reach the app without Next.js.

type Handler = (request: Request, context: { params: Record<string, string> }) => Promise<Response>;

export interface RouteServer {
  url: string;
  close(): Promise<void>;
}

export async function startRouteServer(routes: Record<string, Partial<Record<string, Handler>>>): Promise<RouteServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
        const method = req.method ?? "GET";
        const handler = routes[url.pathname]?.[method];
        if (!handler) {
          res.writeHead(404, { "content-type": "text/plain" }).end("no such route");
          return;
        }
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (Array.isArray(value)) for (const v of value) headers.append(name, v);
          else if (value !== undefined) headers.set(name, value);
        }
        const body = Buffer.concat(chunks);
        const request = new Request(url, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : body });
        try {
          const response = await handler(request, { params: {} });
          const out = Buffer.from(await response.arrayBuffer());
          res.writeHead(response.status, Object.fromEntries(response.headers.entries())).end(out);
        } catch (error) {
          res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
