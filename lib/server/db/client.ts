import "server-only";
import { PrismaClient } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";

// One Prisma client per process. In development Next.js re-evaluates modules on every change,
// so the client is parked on globalThis to avoid opening a new pool each time.
const globalForPrisma = globalThis as unknown as { __palmPrisma?: PrismaClient };

/** Longest a query waits for a pooled connection (or to open one) before answering 503 (ms). */
export const POOL_CONNECTION_TIMEOUT_MS = 2500;

function createClient(): PrismaClient {
  const adapter = new PrismaPg({
    connectionString: env.DATABASE_URL,
    max: 10,
    // Bounded: a saturated pool or an unreachable server fails fast ("timeout exceeded when
    // trying to connect", mapped to 503 + Retry-After) instead of queueing requests forever.
    connectionTimeoutMillis: POOL_CONNECTION_TIMEOUT_MS,
  });
  return new PrismaClient({ adapter });
}

export const prisma: PrismaClient = globalForPrisma.__palmPrisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.__palmPrisma = prisma;

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
/** The client or an open transaction: what a service that reads or writes accepts. */
export type Db = PrismaClient | Tx;
