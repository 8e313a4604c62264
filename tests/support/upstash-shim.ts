// Test fixture: a small server speaking the Upstash Redis REST protocol in front of the local
// Redis, so @upstash/redis and @upstash/ratelimit run unmodified without the internet.
//
// Protocol as used by @upstash/redis 1.x (pkg/http.ts):
//   POST /             body ["CMD", arg...]            -> {"result": ...}
//   POST /pipeline     body [["CMD", ...], ...]         -> [{"result": ...} | {"error": "..."}, ...]
//   POST /multi-exec   body [["CMD", ...], ...]         -> same, run atomically (MULTI/EXEC)
//   Authorization: Bearer <token>; with "Upstash-Encoding: base64" every string in a result is
//   base64-encoded (numbers, nulls and array structure as they are). Errors: HTTP 400 {"error"}.
//
// One difference from Upstash is smoothed over: @upstash/ratelimit's Lua scripts start with
// "#!lua flags=allow-key-locking", a flag plain Redis 7 rejects. The shim drops unknown flags
// before handing a script to Redis and maps the caller's SHA1 to the one Redis knows.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Redis from "ioredis";
import { requireRedis } from "./services";

export interface UpstashShim {
  url: string;
  token: string;
  /** Requests served, per command name (upper case). */
  commands: Map<string, number>;
  /** While true every request fails with 503, as during an outage. */
  setDown(down: boolean): void;
  /** Deletes every key a command touched through the shim, then stops the server. */
  close(): Promise<void>;
}

type Arg = string | number | null;
type Reply = unknown;

const REDIS_FLAGS = new Set(["no-writes", "allow-oom", "allow-stale", "no-cluster", "allow-cross-slot-keys"]);

function cleanScript(script: string): string {
  const match = /^#!lua(?: flags=([^\n]*))?\n/.exec(script);
  if (!match) return script;
  const flags = (match[1] ?? "").split(",").map((f) => f.trim()).filter((f) => REDIS_FLAGS.has(f));
  return `#!lua${flags.length ? ` flags=${flags.join(",")}` : ""}\n${script.slice(match[0].length)}`;
}

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

function encode(value: Reply): Reply {
  if (typeof value === "string") return Buffer.from(value, "utf8").toString("base64");
  if (Array.isArray(value)) return value.map(encode);
  return value ?? null;
}

export async function startUpstashShim(options: { redisUrl?: string; token?: string } = {}): Promise<UpstashShim> {
  const token = options.token ?? `shim-${Math.random().toString(36).slice(2)}`;
  const redisUrl = options.redisUrl ?? (process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379");
  // A missing Redis stops the file at once with what to install (in CI too: a failure, never a skip).
  await requireRedis(redisUrl);
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const commands = new Map<string, number>();
  const touchedKeys = new Set<string>();
  const shaMap = new Map<string, string>(); // caller's SHA1 -> SHA1 of the cleaned script in Redis
  let down = false;

  /** `command` is the whole command: [name, arg1, arg2, ...]. */
  function noteKeys(name: string, command: Arg[]) {
    if (name === "EVAL" || name === "EVALSHA") {
      const n = Number(command[2]);
      for (const key of command.slice(3, 3 + n)) if (key != null) touchedKeys.add(String(key));
    } else if (command.length > 1 && !["SCRIPT", "PING", "FLUSHDB", "FLUSHALL", "KEYS", "SCAN", "INFO", "ECHO"].includes(name)) {
      touchedKeys.add(String(command[1]));
    }
  }

  function toRedisArgs(args: Arg[]): Array<string | number> {
    return args.map((a) => (a === null ? "" : a));
  }

  /** The command as Redis will run it (scripts cleaned, SHA1s mapped), counted and its keys noted. */
  async function prepare(command: Arg[]): Promise<[string, Array<string | number>]> {
    if (!Array.isArray(command) || command.length === 0) throw new Error("ERR empty command");
    const name = String(command[0]).toUpperCase();
    commands.set(name, (commands.get(name) ?? 0) + 1);
    noteKeys(name, command);
    const args = toRedisArgs(command.slice(1));
    if (name === "EVAL") {
      const script = String(args[0]);
      const cleaned = cleanScript(script);
      shaMap.set(sha1(script), sha1(cleaned));
      return ["EVAL", [cleaned, ...args.slice(1)]];
    }
    if (name === "EVALSHA") {
      const mapped = shaMap.get(String(args[0]).toLowerCase());
      return ["EVALSHA", [mapped ?? String(args[0]), ...args.slice(1)]];
    }
    if (name === "SCRIPT" && String(args[0]).toUpperCase() === "LOAD") {
      const script = String(args[1]);
      const cleaned = cleanScript(script);
      shaMap.set(sha1(script), sha1(cleaned));
      await redis.call("SCRIPT", ["LOAD", cleaned]);
      return ["ECHO", [sha1(script)]]; // the caller gets the hash of the script it sent
    }
    return [name, args];
  }

  async function runOne(command: Arg[]): Promise<Reply> {
    const [name, args] = await prepare(command);
    return redis.call(name, args);
  }

  async function runPipeline(list: Arg[][], atomic: boolean): Promise<Array<{ result?: Reply; error?: string }>> {
    if (!atomic) {
      const out: Array<{ result?: Reply; error?: string }> = [];
      for (const command of list) {
        try {
          out.push({ result: await runOne(command) });
        } catch (error) {
          out.push({ error: (error as Error).message });
        }
      }
      return out;
    }
    const multi = redis.multi();
    for (const command of list) {
      const [name, args] = await prepare(command);
      multi.call(name, args);
    }
    const results = (await multi.exec()) ?? [];
    return results.map(([error, result]) => (error ? { error: error.message } : { result }));
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (down) return send(503, { error: "service unavailable (shim is down)" });
      if (req.method !== "POST") return send(405, { error: "only POST" });
      if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: "Unauthorized" });
      const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
      const wrap = (result: Reply) => (base64 ? encode(result) : (result ?? null));
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return send(400, { error: "ERR invalid JSON body" });
      }
      const path = (req.url ?? "/").split("?")[0]!.replace(/\/+$/, "") || "/";
      try {
        if (path === "/pipeline" || path === "/multi-exec") {
          if (!Array.isArray(body)) return send(400, { error: "ERR expected an array of commands" });
          const results = await runPipeline(body as Arg[][], path === "/multi-exec");
          return send(200, results.map((r) => (r.error ? { error: r.error } : { result: wrap(r.result) })));
        }
        if (path === "/") return send(200, { result: wrap(await runOne(body as Arg[])) });
        return send(404, { error: `unknown path ${path}` });
      } catch (error) {
        return send(400, { error: (error as Error).message });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    commands,
    setDown: (value) => {
      down = value;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (touchedKeys.size > 0) await redis.del(...touchedKeys);
      await redis.quit();
    },
  };
}
