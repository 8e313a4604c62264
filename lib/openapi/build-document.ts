import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { allRoutes } from "./all-routes";
import {
  conflict,
  holdExpired,
  internalError,
  invalidJson,
  noRatePlan,
  payloadTooLarge,
  paymentProviderError,
  rateLimited,
  serviceBusy,
  unauthorized,
  unknownUnit,
  type AppError,
} from "@/lib/server/errors";
import { appError } from "./routes";
import { errorResponse, idempotencyKeyHeader, idempotentReplayedHeader, requestIdHeader, retryAfterHeader } from "./schemas";
import type { RouteDoc, RouteExample } from "./types";

// Builds the OpenAPI 3.1 document of /api/v1 from the route table with zod-openapi: request
// schemas are rendered as their input side (what a caller sends, before transforms), response
// schemas as their output side. Deterministic (no dates, no environment), so docs/openapi.json
// can be compared byte for byte with a fresh build.

export const API_VERSION = "1.0.0";
export const SERVER_URL = "/api/v1";

type OpenApiDocument = ReturnType<typeof createDocument>;

const errorDescriptions: Record<number, string> = {
  400: "The request is not valid (VALIDATION_FAILED with `issues`, or INVALID_JSON).",
  401: "Missing or wrong bearer key (UNAUTHORIZED).",
  403: "The browser origin may not call this endpoint (FORBIDDEN).",
  404: "The thing named does not exist (NOT_FOUND).",
  409: "Conflicts with the current state (UNAVAILABLE, CONFLICT or HOLD_NOT_ACTIVE).",
  410: "The hold has expired (HOLD_EXPIRED): place a new hold.",
  413: "The request body is larger than the limit: 16 KB (512 KB for the Stripe webhook) (PAYLOAD_TOO_LARGE).",
  415: "The body is not declared as JSON (UNSUPPORTED_MEDIA_TYPE): send Content-Type: application/json.",
  422: "The stay cannot be priced online (UNPRICEABLE_STAY).",
  429: "Too many requests from this client for this unit, or the guest already has the most live unpaid holds allowed (RATE_LIMITED, `details.rule` \"holds_per_guest\"); wait Retry-After seconds.",
  500: "Unexpected server error (INTERNAL); quote the requestId.",
  502: "The payment provider could not be reached (PAYMENT_PROVIDER_ERROR); try again after Retry-After seconds.",
  503: "The database is unavailable or busy, or another booking of this unit is in progress (SERVICE_UNAVAILABLE); try again after Retry-After seconds.",
};

/** What the Idempotency-Key adds to an idempotent route's error statuses. */
const idempotencyErrors: Record<number, string> = {
  409: " Also IDEMPOTENCY_IN_PROGRESS: a request with this Idempotency-Key is still running; retry after Retry-After.",
  422: " Also IDEMPOTENCY_KEY_REUSED: this Idempotency-Key was used with a different request.",
};

// Example bodies quote the error factories, so the document says exactly what the API answers.
const fromFactory = (error: AppError) => appError(error.code, error.message);

/** A generic example for an error status no route example covers. */
const genericErrors: Record<number, { name: string; summary: string; body: unknown }> = {
  400: { name: "invalidJson", summary: "The body is not JSON", body: appError("INVALID_JSON", "The request body is not valid JSON.") },
  401: { name: "unauthorized", summary: "No or wrong bearer key", body: appError("UNAUTHORIZED", "Missing or invalid credentials.") },
  404: { name: "notFound", summary: "Not found", body: appError("NOT_FOUND", "No unit with that id or slug is available.") },
  409: { name: "conflict", summary: "A concurrent request won", body: appError("CONFLICT", "The request conflicted with another one; please try again.") },
  410: { name: "holdExpired", summary: "The hold has expired", body: appError("HOLD_EXPIRED", "This hold has expired; place a new hold.") },
  413: { name: "tooLarge", summary: "Body over 16 KB", body: appError("PAYLOAD_TOO_LARGE", "The request body is larger than 16 KB.") },
  415: {
    name: "notJson",
    summary: "Body not declared as JSON",
    body: appError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as JSON (Content-Type: application/json)."),
  },
  422: {
    name: "unpriceable",
    summary: "No rate covers the stay",
    body: fromFactory(noRatePlan()),
  },
  429: { name: "rateLimited", summary: "Over the limit", body: fromFactory(rateLimited()) },
  500: {
    name: "internal",
    summary: "Unexpected error",
    body: fromFactory(internalError()),
  },
  502: {
    name: "paymentProvider",
    summary: "Stripe unreachable",
    body: fromFactory(paymentProviderError(undefined)),
  },
  503: { name: "busy", summary: "Database busy", body: fromFactory(serviceBusy()) },
};

function examplesFor(examples: RouteExample[], status: number) {
  const found = examples.filter((e) => e.status === status);
  if (found.length === 0) return undefined;
  return Object.fromEntries(found.map((e) => [e.name, { summary: e.summary, value: e.response }]));
}

function responseHeaders(extra?: Record<string, z.ZodType>) {
  return z.object({ "X-Request-Id": requestIdHeader, ...extra });
}

function responses(route: RouteDoc): ZodOpenApiResponsesObject {
  const out: ZodOpenApiResponsesObject = {};
  const { response } = route;
  const success = (status: number, description: string) => ({
    description,
    headers: responseHeaders({ ...response.headers, ...(route.idempotent ? { "Idempotent-Replayed": idempotentReplayedHeader } : {}) }),
    content: { [response.mediaType]: { schema: response.schema, examples: examplesFor(route.examples, status) } },
  });
  out[String(response.status) as "200"] = success(response.status, response.description);
  for (const alt of route.alsoResponds ?? []) out[String(alt.status) as "200"] = success(alt.status, alt.description);
  for (const status of [...route.errors].sort((a, b) => a - b)) {
    const generic = genericErrors[status];
    const examples =
      examplesFor(route.examples, status) ?? (generic ? { [generic.name]: { summary: generic.summary, value: generic.body } } : undefined);
    out[String(status) as "400"] = {
      description: (errorDescriptions[status] ?? "Error.") + (route.idempotent ? (idempotencyErrors[status] ?? "") : ""),
      headers: responseHeaders({
        ...([429, 502, 503].includes(status) || (route.idempotent && status === 409) ? { "Retry-After": retryAfterHeader } : {}),
        ...(route.idempotent ? { "Idempotent-Replayed": idempotentReplayedHeader } : {}),
      }),
      content: { "application/json": { schema: errorResponse, examples } },
    };
  }
  return out;
}

function securityOf(route: RouteDoc): Array<Record<string, string[]>> {
  if (route.security === "bearer") return [{ bearerAuth: [] }];
  if (route.security === "bearerOrOwner") return [{ bearerAuth: [] }, { ownerAuth: [] }];
  if (route.security === "owner") return [{ ownerAuth: [] }];
  return [];
}

function operation(route: RouteDoc): ZodOpenApiOperationObject {
  const op: ZodOpenApiOperationObject = {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    tags: route.tags,
    security: securityOf(route),
    responses: responses(route),
  };
  const { params, query, body } = route.request;
  const headers = route.idempotent
    ? route.request.headers
      ? route.request.headers.extend(idempotencyKeyHeader.shape)
      : idempotencyKeyHeader
    : route.request.headers;
  if (params || query || headers) {
    op.requestParams = {
      ...(params ? { path: params } : {}),
      ...(query ? { query } : {}),
      ...(headers ? { header: headers } : {}),
    };
  }
  if (body) {
    const withBody = route.examples.filter((e) => e.request?.body !== undefined);
    op.requestBody = {
      required: true,
      content: {
        "application/json": {
          schema: body,
          examples: withBody.length
            ? Object.fromEntries(
                withBody.map((e) => [e.name, { summary: `${e.summary} → ${e.status}`, value: e.request!.body }]),
              )
            : undefined,
        },
      },
    };
  }
  return op;
}

/** Adds each example's query and path values to the generated parameters. */
function addParameterExamples(doc: OpenApiDocument, route: RouteDoc) {
  const op = (doc.paths?.[route.path] as Record<string, { parameters?: unknown[] }> | undefined)?.[route.method];
  for (const raw of op?.parameters ?? []) {
    const param = raw as { name: string; in: string; examples?: Record<string, unknown> };
    const source = param.in === "path" ? "params" : param.in === "query" ? "query" : undefined;
    if (!source) continue;
    const entries = route.examples
      .map((e) => [e, e.request?.[source]?.[param.name]] as const)
      .filter(([, value]) => value !== undefined)
      .map(([e, value]) => [e.name, { summary: `${e.summary} → ${e.status}`, value }]);
    if (entries.length) param.examples = Object.fromEntries(entries);
  }
}

export function buildOpenApiDocument(): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of allRoutes) {
    const item = (paths[route.path] ??= {});
    item[route.method] = operation(route);
  }
  const doc = createDocument({
    openapi: "3.1.0",
    info: {
      title: "Palm Aire Court API",
      version: API_VERSION,
      description:
        "Booking API of Palm Aire Court: units, availability, quotes, holds, Stripe checkout, cancellations and iCal feeds. " +
        "Public endpoints need no key; private ones take `Authorization: Bearer <key>` (SERVICE_API_KEY or a named integration key). " +
        "Private POSTs accept an `Idempotency-Key` header, safe to retry. " +
        "Dates are the property's calendar dates (YYYY-MM-DD, America/New_York); a stay is the nights [checkIn, checkOut). " +
        "Money is in integer cents. Every answer carries X-Request-Id; every error has the ErrorResponse shape. " +
        "Guide: docs/api.md; chatbot recipes: docs/n8n.md.",
    },
    servers: [{ url: SERVER_URL, description: "This server (relative to the document's origin)." }],
    tags: [
      { name: "Units", description: "What can be rented." },
      { name: "Booking", description: "Availability, prices, holds, checkout and cancellation." },
      { name: "Webhooks", description: "Called by Stripe, not by integrators." },
      { name: "Operations", description: "Monitoring and this document." },
    ],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description:
            "SERVICE_API_KEY (the site's server) or a named key per integration (`npm run api-keys -- create <name>`: n8n, an AI agent), " +
            "each with its own rate-limit budget; never put a key in a browser.",
        },
        ownerAuth: {
          type: "http",
          scheme: "bearer",
          description:
            "The OWNER_API_KEY, the owner's own key (until the owner console has its sign-in): explicit refund amounts and refunds after a stay. Unset = closed.",
        },
      },
    },
  });
  for (const route of allRoutes) addParameterExamples(doc, route);
  return doc;
}

/** The exact text of docs/openapi.json. */
export function serializeOpenApiDocument(doc: OpenApiDocument = buildOpenApiDocument()): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
