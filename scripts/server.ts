// The app's HTTP server for `npm start` and `npm run dev`: Next.js's own request handler behind
// a plain node:http server whose only job is to stamp each request with its TCP peer address.
// A route handler in Next.js cannot see the socket, and `next start` keeps a client-sent
// X-Forwarded-For, so without this a client could pick its own rate-limit key.
//
// The header alone could be forged wherever this script is not in front (`next start`), so it
// comes with a per-process secret stamp that lib/server/http/client-ip.ts checks.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import next from "next";

const SOCKET_IP_HEADER = "x-palm-socket-ip"; // read by lib/server/http/client-ip.ts
const SOCKET_STAMP_HEADER = "x-palm-socket-stamp";
// Set before Next.js loads the app, which reads it from its environment; new on every start.
const stamp = randomBytes(32).toString("hex");
process.env.PALM_SOCKET_STAMP = stamp;

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOST || "0.0.0.0";

// The Docker image runs this file (compiled to JS) from Next's standalone output, where there is
// no next.config.js: give Next the configuration the build recorded, as its own standalone
// server.js does.
const builtConfig = path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "required-server-files.json");
if (!dev && !existsSync(path.join(process.cwd(), "next.config.js")) && existsSync(builtConfig)) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify((JSON.parse(readFileSync(builtConfig, "utf8")) as { config: unknown }).config);
}

async function main() {
  const app = next({ dev, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((req, res) => {
    const address = req.socket.remoteAddress;
    // Overwrite (or drop) whatever the client sent under these names.
    delete req.headers[SOCKET_IP_HEADER];
    delete req.headers[SOCKET_STAMP_HEADER];
    if (address) {
      req.headers[SOCKET_IP_HEADER] = address;
      req.headers[SOCKET_STAMP_HEADER] = stamp;
    }
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => {
    console.log(`> Palm Aire Court ${dev ? "(dev)" : ""} ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
