import "server-only";
import { z } from "zod";
import { env } from "@/lib/env";
import {
  AppError,
  bodyNotAnObject,
  conflict,
  errorStatus,
  forbiddenOrigin,
  internalError,
  invalidJson,
  methodNotAllowed,
  noSuchEndpoint,
  ownerOnly,
  payloadTooLarge,
  unauthorized,
  validation,
  type ErrorBody,
  type ErrorIssue,
} from "@/lib/server/errors";
import { forbidden } from "@/lib/server/errors";
import { assertRole, findAdminBySessionToken, sessionTokenFromCookieHeader, type AdminUser } from "@/lib/server/auth/session";
import { isConflictError } from "@/lib/server/db/errors";
import { mapDatabaseError } from "@/lib/server/db/map-db-error";
import { logger } from "@/lib/server/logger";
import { now as clockNow } from "@/lib/clock";
import { OWNER_IDENTITY, SERVICE_IDENTITY, resolveNamedKey, type KeyIdentity } from "@/lib/server/api-keys/resolve-named-key";
import { bearerToken, safeEqual } from "./auth";
import { readIdempotencyKey, requestFingerprint, withIdempotency } from "./idempotency";
import { corsHeaders, isOriginAllowed, preflightHeaders, type CorsPolicy } from "./cors";
import { resolveRequestId } from "./request-id";
import { clientIp } from "./client-ip";
import { enforceRateLimit, rateLimitApplies, type RateLimitBucket } from "./rate-limit";

// The one wrapper every API route goes through: request id, body limit, CORS, auth, input
// parsing, rate limiting, error mapping and the access log. Handlers only parse-call-return.

export const MAX_BODY_BYTES = 16 * 1024;

// "owner": only OWNER_API_KEY; "service-or-owner": SERVICE_API_KEY (site, chatbot) or
// OWNER_API_KEY, and the handler learns which from ctx.caller (issue #14: owner-only options).
// "console-staff" / "console-owner": a signed-in owner console session of at least that role.
export type Access = "public" | "service" | "cron" | "owner" | "service-or-owner" | "console-staff" | "console-owner";

/** Who the credentials identify: the public, the site/chatbot (service key), the owner, or cron. */
export type Caller = "public" | "service" | "owner" | "staff" | "cron";

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface HandlerContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  /** The exact bytes of the body, for the Stripe signature check. */
  rawBody: string;
  request: Request;
  requestId: string;
  caller: Caller;
  /**
   * Which key authenticated the request (SERVICE_API_KEY, OWNER_API_KEY or a named integration
   * key): the rate-limit identity and the Idempotency-Key namespace. Undefined without a key.
   */
  identity?: KeyIdentity;
  /** The signed-in console user on console routes; null elsewhere. */
  admin: AdminUser | null;
}

export interface RouteOptions<BS, QS, PS> {
  /** Route template for logs, e.g. "/api/v1/units/[id]". */
  route: string;
  access: Access;
  cors: CorsPolicy;
  body?: BS;
  query?: QS;
  params?: PS;
  /** Body cap in bytes (default MAX_BODY_BYTES). */
  maxBodyBytes?: number;
  /** Limits the route per client IP and the key this returns (e.g. the unit id). */
  rateLimit?: {
    bucket: RateLimitBucket;
    key: (ctx: HandlerContext<Infer<BS>, Infer<QS>, Infer<PS>>) => string | Promise<string>;
  };
  /**
   * Honours an Idempotency-Key header (lib/server/http/idempotency.ts): set on every route that
   * changes something for an authenticated caller.
   */
  idempotent?: boolean;
  handler: (ctx: HandlerContext<Infer<BS>, Infer<QS>, Infer<PS>>) => Promise<Response | JsonResult> | Response | JsonResult;
}

export interface JsonResult {
  status?: number;
  data: unknown;
  headers?: Record<string, string>;
}

export function json(data: unknown, status = 200, headers?: Record<string, string>): JsonResult {
  return { data, status, headers };
}

type RouteContext = { params?: Record<string, string | string[]> };

export function defineRoute<BS extends Schema | undefined = undefined, QS extends Schema | undefined = undefined, PS extends Schema | undefined = undefined>(
  options: RouteOptions<BS, QS, PS>,
) {
  return async function handle(request: Request, context?: RouteContext): Promise<Response> {
    const started = performance.now();
    const requestId = resolveRequestId(request);
    const origin = request.headers.get("origin");
    let response: Response;
    let failure: unknown;
    try {
      response = await run(options, request, context, requestId);
    } catch (error) {
      failure = error;
      response = errorResponse(error, requestId);
    }
    const extra = { ...corsHeaders(options.cors, origin), "X-Request-Id": requestId };
    try {
      for (const [k, v] of Object.entries(extra)) response.headers.set(k, v);
    } catch {
      // Immutable headers (Response.redirect, a fetched Response): copy into a new Response.
      response = new Response(response.body, response);
      for (const [k, v] of Object.entries(extra)) response.headers.set(k, v);
    }
    logRequest(started, { requestId, method: request.method, route: options.route, status: response.status }, failure);
    return response;
  };
}

/** The access log line of one answer (`started`: performance.now() when it came in); a 5xx is logged as an error with its cause. */
function logRequest(started: number, line: { requestId: string; method: string; route: string; status: number }, failure?: unknown) {
  const entry = { ...line, durationMs: Math.round((performance.now() - started) * 10) / 10 };
  if (entry.status >= 500) logger.error({ ...entry, err: failure }, "request failed");
  else if (failure instanceof AppError) logger.info({ ...entry, code: failure.code }, "request");
  else logger.info(entry, "request");
}

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
type Refusal = (request: Request) => Promise<Response>;

/** A handler that answers every request with one error: request id and access log as on any route, the body never read. */
function refuseWith(route: string, error: () => AppError): Refusal {
  return async function refuse(request: Request): Promise<Response> {
    const started = performance.now();
    const requestId = resolveRequestId(request);
    const failure = error();
    const response = errorResponse(failure, requestId);
    response.headers.set("X-Request-Id", requestId);
    logRequest(started, { requestId, method: request.method, route, status: response.status }, failure);
    return response;
  };
}

/**
 * Handlers for every method a route does not serve, answering the API's JSON 405 with Allow
 * (Next.js's own is an empty 405 without Allow, and a 204 to OPTIONS). A route file exports the
 * ones it leaves out: `export const { GET, HEAD, PUT, PATCH, DELETE } = otherMethods(route, ["POST", "OPTIONS"])`;
 * HEAD is served by GET where a route has GET. tests/integration/error-shape.test.ts checks every
 * route file answers all seven methods.
 */
export function otherMethods(route: string, served: readonly HttpMethod[]): Record<HttpMethod, Refusal> {
  const allow = served.flatMap((method) => (method === "GET" && !served.includes("HEAD") ? ["GET", "HEAD"] : [method])).join(", ");
  return forEveryMethod(refuseWith(route, () => methodNotAllowed(allow)));
}

/** Every method of an /api path no route serves: the API's JSON 404 rather than Next.js's HTML page. */
export function noSuchEndpointHandlers(): Record<HttpMethod, Refusal> {
  return forEveryMethod(refuseWith("/api/[[...path]]", noSuchEndpoint));
}

function forEveryMethod(refuse: Refusal): Record<HttpMethod, Refusal> {
  return Object.fromEntries(HTTP_METHODS.map((method) => [method, refuse])) as Record<HttpMethod, Refusal>;
}

/** The OPTIONS handler of a route: answers CORS preflight, 403 for an origin not allowed. */
export function definePreflight(cors: CorsPolicy, methods: string, route?: string) {
  return async function OPTIONS(request: Request): Promise<Response> {
    const started = performance.now();
    const origin = request.headers.get("origin");
    const requestId = resolveRequestId(request);
    let response: Response;
    if (cors === "none" || !isOriginAllowed(cors, origin)) {
      response = errorResponse(forbiddenOrigin(), requestId);
      response.headers.set("X-Request-Id", requestId);
      if (cors === "private") response.headers.set("Vary", "Origin");
    } else {
      response = new Response(null, { status: 204, headers: { ...preflightHeaders(cors, origin, methods), "X-Request-Id": requestId } });
    }
    logRequest(started, { requestId, method: request.method, route: route ?? new URL(request.url).pathname, status: response.status });
    return response;
  };
}

async function run<BS extends Schema | undefined, QS extends Schema | undefined, PS extends Schema | undefined>(
  options: RouteOptions<BS, QS, PS>,
  request: Request,
  context: RouteContext | undefined,
  requestId: string,
): Promise<Response> {
  const { caller, identity, admin = null } = await authorize(options.access, request);

  if (options.body) requireJson(request);
  const rawBody = await readBody(request, options.maxBodyBytes ?? MAX_BODY_BYTES);
  const issues: ErrorIssue[] = [];

  const query = options.query
    ? collect(options.query as Schema, queryObject(new URL(request.url).searchParams), "query", issues)
    : undefined;
  const params = options.params ? collect(options.params as Schema, context?.params ?? {}, "params", issues) : undefined;
  let body: unknown;
  if (options.body) {
    let parsed: unknown;
    try {
      parsed = rawBody.length === 0 ? undefined : JSON.parse(rawBody);
    } catch {
      throw invalidJson();
    }
    if (parsed === undefined) throw bodyNotAnObject();
    body = collect(options.body as Schema, parsed, "body", issues);
  }
  if (issues.length > 0) {
    throw validation(issues);
  }

  const ctx = { body, query, params, rawBody, request, requestId, caller, identity, admin } as HandlerContext<Infer<BS>, Infer<QS>, Infer<PS>>;
  const execute = async (): Promise<Response> => {
    if (options.rateLimit && rateLimitApplies(options.rateLimit.bucket)) {
      const key = await options.rateLimit.key(ctx);
      // authorize() has already run, so on a service route the caller holds the key. The site's
      // and the owner's keys may name the guest's address; each named key has a budget of its own.
      const ip = clientIp(request.headers, { authenticatedService: identity === SERVICE_IDENTITY || identity === OWNER_IDENTITY });
      const named = identity && identity !== SERVICE_IDENTITY && identity !== OWNER_IDENTITY ? `${identity.id}:` : "";
      // No address (development under a bare `next dev`): no limit rather than one shared bucket.
      if (ip) await enforceRateLimit(options.rateLimit.bucket, `${named}${ip}:${key}`);
    }
    const result = await options.handler(ctx);
    if (result instanceof Response) return result;
    return jsonResponse(result.data, result.status ?? 200, result.headers);
  };

  // Idempotency-Key: after validation (a malformed request is never stored, as at Stripe), before
  // the rate limit (a replay costs nothing). Keys are per caller, so only authenticated routes.
  const idempotencyKey = options.idempotent && identity ? readIdempotencyKey(request) : undefined;
  if (idempotencyKey && identity) {
    const fingerprint = requestFingerprint(request.method, request.url, rawBody);
    return withIdempotency({ caller: identity.id, key: idempotencyKey, fingerprint, now: clockNow() }, execute, (error) =>
      errorResponse(error, requestId),
    );
  }
  return execute();
}

/** A JSON route refuses a body declared as anything but JSON (a form post, text/plain): 415. */
function requireJson(request: Request) {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (!type) return; // no declared type: the body is still parsed as JSON, or refused as invalid JSON
  if (type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type)) return;
  throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as JSON (Content-Type: application/json).");
}

async function authorize(access: Access, request: Request): Promise<{ caller: Caller; identity?: KeyIdentity; admin?: AdminUser }> {
  if (access === "public") return { caller: "public" };
  if (access === "console-staff" || access === "console-owner") {
    // Console mutations are cookie-authenticated, so they must come from the site's own pages:
    // a cross-site form or fetch carries another Origin (CSRF). Reads are side-effect free.
    if (request.method !== "GET" && request.method !== "HEAD" && !isSameOrigin(request.headers.get("origin"))) {
      throw forbidden("This request must come from the owner console.");
    }
    const token = sessionTokenFromCookieHeader(request.headers.get("cookie"));
    const admin = assertRole(await findAdminBySessionToken(token), access === "console-owner" ? "OWNER" : "STAFF");
    return { caller: admin.role === "OWNER" ? "owner" : "staff", admin };
  }
  if (access === "service" || access === "owner" || access === "service-or-owner") {
    const token = bearerToken(request);
    const ownerKey = env.OWNER_API_KEY;
    // Checked against both keys whatever the outcome, so timing does not tell which one matched.
    const isService = token !== undefined && safeEqual(token, env.SERVICE_API_KEY);
    const isOwner = token !== undefined && ownerKey !== undefined && safeEqual(token, ownerKey);
    if (isOwner && access !== "service") return { caller: "owner", identity: OWNER_IDENTITY };
    if (isService && access !== "owner") return { caller: "service", identity: SERVICE_IDENTITY };
    if (isService && access === "owner") throw new AppError("FORBIDDEN", "Only the owner can do this.");
    // A named integration key (npm run api-keys) acts with the service key's rights.
    const named = !isService && !isOwner && access !== "owner" ? await resolveNamedKey(token) : null;
    if (named) return { caller: "service", identity: named };
    throw unauthorized();
  }
  // Vercel Cron sends "Authorization: Bearer <CRON_SECRET>"; the spec names X-CRON-SECRET.
  const given = request.headers.get("x-cron-secret") ?? bearerToken(request);
  if (!given || !safeEqual(given, env.CRON_SECRET)) {
    throw unauthorized();
  }
  return { caller: "cron" };
}

async function readBody(request: Request, maxBytes: number): Promise<string> {
  if (request.method === "GET" || request.method === "HEAD" || !request.body) return "";
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  // Read incrementally so a body without (or lying about) Content-Length cannot exceed the cap.
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(maxBytes: number) {
  return payloadTooLarge(maxBytes);
}

function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

function collect(schema: Schema, input: unknown, _where: string, issues: ErrorIssue[]): unknown {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  issues.push(...zodIssues(result.error));
  return undefined;
}

export function zodIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => {
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys.join(", ");
      return { path: [...issue.path, ...issue.keys.slice(0, 1)].join("."), message: `Unknown field: ${keys}.` };
    }
    return { path: issue.path.join(".") || "(root)", message: issue.message };
  });
}

export function errorResponse(error: unknown, requestId: string): Response {
  let appError: AppError;
  if (error instanceof AppError) appError = error;
  else if (error instanceof z.ZodError) appError = new AppError("VALIDATION_FAILED", "The request is not valid; see issues.", { issues: zodIssues(error) });
  else if (isConflictError(error)) appError = new AppError("CONFLICT", "The request conflicts with the current state; try again.");
  else appError = mapDatabaseError(error) ?? new AppError("INTERNAL", "Something went wrong on our side. Quote the requestId if you contact us.");

  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.issues ? { issues: appError.issues } : {}),
      ...(appError.details ? { details: appError.details } : {}),
      requestId,
    },
  };
  return jsonResponse(body, errorStatus[appError.code], appError.headers);
}

// A plain Response with the JSON text: NextResponse.json adds a cookie jar and URL handling no API
// answer uses, and this is on every request of the hot reads (issue #19).
function jsonResponse(data: unknown, status: number, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(data), { status, headers: { "content-type": "application/json", ...headers } });
}

function isSameOrigin(origin: string | null): boolean {
  return origin !== null && origin === new URL(env.ORIGIN).origin;
}
