import { Prisma } from "@prisma/client";
import { AppError } from "@/lib/server/errors";
import { sqlState } from "./errors";

// Database failures that are not bugs, turned into answers a client can act on. Kept apart from
// errors.ts (the SQLSTATE readers) so the route wrapper has one call to make.

/** Seconds a client should wait before retrying when the database is out of reach or busy. */
export const DB_RETRY_AFTER_SECONDS = 5;
/** Seconds to wait before retrying a write that found its unit locked by another transaction. */
export const LOCK_RETRY_AFTER_SECONDS = 2;

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);

const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "TooManyConnections", "SocketTimeout"]);

/** Walks the cause chain for a Node network error code or a pg-pool connection failure. */
function isConnectionFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const c = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown; meta?: { driverAdapterError?: unknown } };
    if (typeof c.code === "string" && NETWORK_CODES.has(c.code)) return true;
    // The pg driver adapter's classification of the same failures.
    if (typeof (c as { kind?: unknown }).kind === "string" && ADAPTER_KINDS.has((c as { kind: string }).kind)) return true;
    // Prisma: P1001 can't reach server, P1002 timed out, P1017 server closed the connection,
    // P2024 timed out fetching a connection from the pool.
    if (typeof c.code === "string" && ["P1001", "P1002", "P1017", "P2024"].includes(c.code)) return true;
    if (typeof c.message === "string" && /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED/i.test(c.message)) return true;
    // An AggregateError (Node tries IPv4 and IPv6) carries the ECONNREFUSEDs in `errors`.
    if (Array.isArray(c.errors) && c.errors.some((e) => isConnectionFailure(e))) return true;
    current = c.meta?.driverAdapterError ?? c.cause;
  }
  return false;
}

export function databaseUnavailable(cause?: unknown): AppError {
  return new AppError("SERVICE_UNAVAILABLE", "The booking service is temporarily unavailable; please try again in a moment.", {
    headers: { "Retry-After": String(DB_RETRY_AFTER_SECONDS) },
    cause,
  });
}

export function unitBusy(cause?: unknown): AppError {
  return new AppError("SERVICE_UNAVAILABLE", "This unit is being booked by someone else right now; please try again in a moment.", {
    headers: { "Retry-After": String(LOCK_RETRY_AFTER_SECONDS) },
    details: { retryable: true },
    cause,
  });
}

/**
 * The AppError for a database failure a client should see as something other than a 500, or
 * undefined. 08xxx connection exceptions, 53300 too many connections, 57P01-57P05 shutdown and
 * 55000 "database not accepting connections" are an outage (503); 55P03 lock_not_available and
 * 57014 query_canceled come from our own lock_timeout/statement_timeout (503, retry soon);
 * 22021/22P05 are text PostgreSQL cannot store (400).
 */
export function mapDatabaseError(error: unknown): AppError | undefined {
  const state = sqlState(error);
  if (state === "22021" || state === "22P05") {
    return new AppError("VALIDATION_FAILED", "The request contains characters that cannot be stored; remove control characters.", { cause: error });
  }
  if (state === "55P03" || state === "57014") return unitBusy(error);
  if (state && (state.startsWith("08") || state === "53300" || /^57P0[1-5]$/.test(state) || state === "55000")) {
    return databaseUnavailable(error);
  }
  if (error instanceof Prisma.PrismaClientInitializationError) return databaseUnavailable(error);
  if (isConnectionFailure(error)) return databaseUnavailable(error);
  return undefined;
}
