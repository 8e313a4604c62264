import net from "node:net";
import { Client } from "pg";

// The services the integration tests run against, and one clear sentence when one is missing.

/** True when something accepts a TCP connection at host:port within timeoutMs. */
export function answersTcp(host: string, port: number, timeoutMs = 1_500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** True when a PostgreSQL server answers a query at `url`. */
export async function postgresAnswers(url: string): Promise<boolean> {
  const u = new URL(url);
  if (!(await answersTcp(u.hostname, Number(u.port || 5432)))) return false;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Fails at once, naming what to install, when no Redis answers at `url` (redis://host:port). */
export async function requireRedis(url: string): Promise<void> {
  const u = new URL(url);
  if (await answersTcp(u.hostname, Number(u.port || 6379))) return;
  throw new Error(
    `No Redis answers at ${u.host}, which the Upstash rate-limit tests need: install and start Redis 7 ` +
      `(apt-get install redis-server && redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "").`,
  );
}
