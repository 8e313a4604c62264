import { z } from "zod";
import { refusalDetails, unitRef } from "@/lib/api/schemas/common";
import { errorStatus, type ErrorBody, type ErrorCode } from "@/lib/server/errors";
import type { Health } from "@/lib/server/health/check-health";

// Schemas the OpenAPI document needs that no route's schema.ts owns: the one error shape every
// route answers with (lib/server/http/define-route.ts errorResponse), and the response headers.
// Plain zod, no "server-only" imports, so `npm run docs:openapi` can run them under tsx.

const errorCodes = Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]];

export const errorIssue = z
  .object({
    path: z.string().meta({ description: 'Dotted path of the offending field, e.g. "customer.email"; "(root)" for the whole input.' }),
    message: z.string(),
  })
  .meta({ id: "ErrorIssue" });

export const errorResponse = z
  .object({
    error: z.object({
      code: z.enum(errorCodes).meta({
        description:
          "Stable machine-readable code; branch on this, never on the message. 400: VALIDATION_FAILED, INVALID_JSON, INVALID_SIGNATURE, REFUND_TOO_LARGE; 401: UNAUTHORIZED; 403: FORBIDDEN; 404: NOT_FOUND; 409: UNAVAILABLE, CONFLICT, HOLD_NOT_ACTIVE, IDEMPOTENCY_IN_PROGRESS; 410: HOLD_EXPIRED; 413: PAYLOAD_TOO_LARGE; 422: UNPRICEABLE_STAY, STAY_NOT_ALLOWED, IDEMPOTENCY_KEY_REUSED; 429: RATE_LIMITED; 500: INTERNAL; 502: PAYMENT_PROVIDER_ERROR; 503: SERVICE_UNAVAILABLE.",
      }),
      message: z.string().meta({ description: "A sentence safe to show to a guest; never contains internals or personal data." }),
      issues: z.array(errorIssue).optional().meta({ description: "Present on VALIDATION_FAILED: one entry per invalid field." }),
      details: z.union([refusalDetails, z.record(z.string(), z.unknown())]).optional().meta({
        description:
          "Machine-readable facts a program can act on. A refused stay (quote, availability, holds, checkout) carries StayRefusalDetails: " +
          "details.rule says why, with the rule's figure, and details.alternatives offers up to three stays that would work instead. " +
          "Other examples: refundableCents on REFUND_TOO_LARGE.",
      }),
      requestId: z.string().meta({ description: "Also in the X-Request-Id header; quote it when reporting a problem." }),
    }),
  })
  .meta({
    id: "ErrorResponse",
    description: "Every error of every endpoint has this shape.",
    example: {
      error: {
        code: "VALIDATION_FAILED",
        message: "The request is not valid; see issues.",
        issues: [{ path: "checkOut", message: "checkOut must be after checkIn." }],
        requestId: "0b7e4c1e-5a7d-4f0a-9f55-2f1d3c8a9b10",
      },
    },
  });

// Compile-time check that the documented shape is the one errorResponse() writes.
type Documented = z.infer<typeof errorResponse>;
const _sameShape: (body: Documented) => ErrorBody = (body) => body;
void _sameShape;

export const requestIdHeader = z.string().meta({
  description: "The request's id: the caller's sane X-Request-Id, or a new UUID. Also in error bodies and the server log.",
  example: "0b7e4c1e-5a7d-4f0a-9f55-2f1d3c8a9b10",
  header: { id: "X-Request-Id" },
});

export const retryAfterHeader = z.string().meta({
  description: "Seconds to wait before the next attempt.",
  example: "42",
  header: { id: "Retry-After" },
});

export const cacheControlHeader = z.string().meta({ description: "Caching policy of the answer.", example: "no-store" });

// --- Schemas of routes that have no schema.ts of their own -------------------------------------

/**
 * Path parameters of GET /units/{id}/ical.ics. The route validates with an inline
 * `z.object({ id: unitRef })`; this is the same schema built from the same shared unitRef.
 */
export const icalParams = z.object({ id: unitRef }).meta({ id: "IcalParams" });

/** An iCalendar document (RFC 5545) with one VEVENT per confirmed booking. */
export const icalendar = z.string().meta({
  description: "An iCalendar (RFC 5545) document: one VEVENT per confirmed booking, all-day DTSTART/DTEND.",
});

/** GET /health answer (lib/server/health/check-health.ts Health). */
export const healthResponse = z
  .object({
    ok: z.boolean().meta({ description: "True when the database is up and every migration is applied." }),
    database: z.enum(["up", "down"]),
    migrations: z
      .object({
        applied: z.int(),
        expected: z.int(),
        pending: z.array(z.string()).meta({ description: "Migrations on disk not yet applied." }),
      })
      .nullable()
      .meta({ description: "Null when the database could not be reached." }),
    status: z.enum(["ok", "degraded", "down"]).meta({
      description: "degraded (still 200): an import feed is stale or an imported block overlaps one of our stays; down: ok is false.",
    }),
    channels: z
      .object({
        staleFeeds: z.array(
          z.object({
            feedId: z.string(),
            unitId: z.string(),
            channel: z.string().meta({ example: "airbnb" }),
            lastSuccessAt: z.string().nullable().meta({ description: "Last successful fetch (ISO 8601), null if never." }),
          }),
        ),
        openConflicts: z.int().meta({ description: "Imported blocks overlapping a confirmed booking or live hold." }),
      })
      .nullable()
      .meta({ description: "Channel sync (import feeds); null when the database could not be asked." }),
  })
  .meta({
    id: "Health",
    example: { ok: true, status: "ok", database: "up", migrations: { applied: 4, expected: 4, pending: [] }, channels: { staleFeeds: [], openConflicts: 0 } },
  });

/** GET /openapi.json answer: this document. */
export const openApiDocument = z
  .looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "OpenApiDocument", description: "This OpenAPI 3.1 document." });

// Compile-time check that the documented health shape is the one checkHealth() returns.
const _sameHealth: (h: z.infer<typeof healthResponse>) => Health = (h) => h;
void _sameHealth;

/** Request header of every mutating private route (lib/server/http/idempotency.ts). */
export const idempotencyKeyHeader = z.object({
  "Idempotency-Key": z
    .string()
    .min(1)
    .max(255)
    .optional()
    .meta({
      description:
        "Optional, recommended for every retry-prone caller (chatbots, agents). A unique value per intended action, e.g. a UUID, " +
        "reused only to retry that same action. The first answer for a key is kept 24 hours per API key: a retry with the same key " +
        "and body gets it again with `Idempotent-Replayed: true` and acts only once; the same key with another body is 422 " +
        "IDEMPOTENCY_KEY_REUSED; a retry while the first request is still running is 409 IDEMPOTENCY_IN_PROGRESS (retry after " +
        "Retry-After). Requests refused before they ran (400, 401, 429) and server failures (5xx, CONFLICT) are not kept: retry them " +
        "with the same key. 1 to 255 visible ASCII characters.",
      example: "5f0c8a2e-1b7d-4c39-9e2a-8d6f1c3b7a40",
    }),
});

export const idempotentReplayedHeader = z.literal("true").optional().meta({
  description: "Present when this answer is the stored answer of an earlier request with the same Idempotency-Key.",
  example: "true",
  header: { id: "Idempotent-Replayed" },
});
