import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { Prisma } from "@prisma/client";
import { prisma } from "@/lib/server/db/client";
import { AppError, idempotencyInProgress, idempotencyKeyReused, type ErrorCode } from "@/lib/server/errors";
import { logger } from "@/lib/server/logger";

// Idempotency-Key with Stripe's semantics, for every mutating route (defineRoute's
// `idempotent: true`). The first answer to a key is stored per caller for 24 hours with a
// fingerprint of the request; a retry with the same key and request gets that answer again with
// `Idempotent-Replayed: true`; the same key with another request is 422; a retry while the first
// is still running is 409 and may retry. Decisions in docs/decisions.md.

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const REPLAYED_HEADER = "Idempotent-Replayed";
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** An IN_PROGRESS row this old belongs to a process that died mid-request; it may be taken over. */
export const ABANDONED_AFTER_MS = 5 * 60 * 1000;

// Visible ASCII only, like Stripe's keys (UUIDs, "hold-<execution>-1", ...).
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * Outcomes that are not stored, so a retry with the same key runs again: they changed nothing
 * (every service writes in one transaction) and a replayed "try again" would never succeed.
 */
const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set(["CONFLICT", "RATE_LIMITED", "SERVICE_UNAVAILABLE", "IDEMPOTENCY_IN_PROGRESS"]);

/** The request's Idempotency-Key, undefined when absent; a malformed one is a 400. */
export function readIdempotencyKey(request: Request): string | undefined {
  const value = request.headers.get(IDEMPOTENCY_HEADER);
  if (value === null) return undefined;
  const key = value.trim();
  if (!KEY_FORMAT.test(key)) {
    throw new AppError("VALIDATION_FAILED", "The request is not valid; see issues.", {
      issues: [{ path: "Idempotency-Key", message: "The Idempotency-Key header must be 1 to 255 visible characters, for example a UUID." }],
    });
  }
  return key;
}

/** sha256 over method, path with query, and the body as canonical JSON (key order and spacing do not count). */
export function requestFingerprint(method: string, url: string, rawBody: string): string {
  const { pathname, search } = new URL(url);
  let body = rawBody;
  try {
    body = canonicalJson(JSON.parse(rawBody));
  } catch {
    // Not JSON: the exact bytes count.
  }
  return createHash("sha256").update(`${method.toUpperCase()} ${pathname}${search}\n${body}`).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

export interface IdempotentRequest {
  caller: string;
  key: string;
  fingerprint: string;
  now: Date;
}

type Claim = { owned: true; attempt: string } | { owned: false; replay: Response };

/** Claims the key for this request, or answers from the stored response; throws 422 / 409. */
async function claim(req: IdempotentRequest): Promise<Claim> {
  const attempt = randomUUID();
  const expiresAt = new Date(req.now.getTime() + IDEMPOTENCY_TTL_MS);
  const fresh = { fingerprint: req.fingerprint, state: "IN_PROGRESS" as const, attempt, startedAt: req.now, expiresAt };
  // Three rounds at most: a row can vanish between two statements (released or cleaned up).
  for (let round = 0; round < 3; round++) {
    const created = await prisma.idempotencyRecord.createMany({
      data: [{ caller: req.caller, key: req.key, ...fresh }],
      skipDuplicates: true,
    });
    if (created.count === 1) return { owned: true, attempt };

    // An expired answer is forgotten (any request may use the key again); an abandoned attempt
    // of the same request is taken over.
    const taken = await prisma.idempotencyRecord.updateMany({
      where: {
        caller: req.caller,
        key: req.key,
        OR: [
          { expiresAt: { lte: req.now } },
          { state: "IN_PROGRESS", fingerprint: req.fingerprint, startedAt: { lte: new Date(req.now.getTime() - ABANDONED_AFTER_MS) } },
        ],
      },
      data: { ...fresh, status: null, headers: Prisma.DbNull, body: null },
    });
    if (taken.count === 1) return { owned: true, attempt };

    const row = await prisma.idempotencyRecord.findUnique({
      where: { caller_key: { caller: req.caller, key: req.key } },
      select: { fingerprint: true, state: true, status: true, headers: true, body: true },
    });
    if (!row) continue;
    if (row.fingerprint !== req.fingerprint) throw idempotencyKeyReused();
    if (row.state === "IN_PROGRESS" || row.status === null || row.body === null) throw idempotencyInProgress();
    const headers = new Headers((row.headers ?? {}) as Record<string, string>);
    headers.set(REPLAYED_HEADER, "true");
    return { owned: false, replay: new Response(row.body, { status: row.status, headers }) };
  }
  throw idempotencyInProgress();
}

/**
 * Runs `execute` at most once per (caller, key, request) within 24 hours. An error thrown by
 * `execute` is stored as `toErrorResponse` renders it, then rethrown for the caller to log.
 */
export async function withIdempotency(
  req: IdempotentRequest,
  execute: () => Promise<Response>,
  toErrorResponse: (error: unknown) => Response,
): Promise<Response> {
  const claimed = await claim(req);
  if (!claimed.owned) return claimed.replay;

  let response: Response;
  let failure: { error: unknown } | undefined;
  try {
    response = await execute();
  } catch (error) {
    failure = { error };
    response = toErrorResponse(error);
  }
  const code = failure?.error instanceof AppError ? failure.error.code : undefined;
  const keep = response.status < 500 && !(code && RETRYABLE_CODES.has(code));
  const owner = { caller: req.caller, key: req.key, attempt: claimed.attempt, state: "IN_PROGRESS" as const };
  try {
    if (keep) {
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (name !== "set-cookie") headers[name] = value;
      });
      await prisma.idempotencyRecord.updateMany({
        where: owner,
        data: { state: "COMPLETED", status: response.status, headers, body: await response.clone().text() },
      });
    } else {
      await prisma.idempotencyRecord.deleteMany({ where: owner });
    }
  } catch (error) {
    // The answer still goes out; the row stays IN_PROGRESS and is taken over after ABANDONED_AFTER_MS.
    logger.warn({ err: error }, "idempotency record not saved");
  }
  if (failure) throw failure.error;
  return response;
}
