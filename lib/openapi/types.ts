import type { z } from "zod";

// The shape of one row of the route table (lib/openapi/routes.ts).

export type HttpMethod = "get" | "post";

/**
 * none: public; bearer: Authorization: Bearer SERVICE_API_KEY; bearerOrOwner: that or OWNER_API_KEY
 * (owner-only options need the latter); owner: OWNER_API_KEY only; stripeSignature: Stripe-Signature header.
 */
export type Security = "none" | "bearer" | "bearerOrOwner" | "owner" | "stripeSignature";

export interface ExampleRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteExample {
  /** Key of the example in the document; unique within its route. */
  name: string;
  summary: string;
  /** Absent for an answer that cannot be provoked on demand (429, 500): documented, not called. */
  request?: ExampleRequest;
  status: number;
  /** The documented body: JSON, or text for text/calendar. */
  response: unknown;
  /**
   * Values the contract test fills in before sending the request, because they only exist at
   * run time: request path ("body.holdId") → "<route operationId>.<example name>:<response field>"
   * or "fixture:<name>".
   */
  bind?: Record<string, string>;
  /** The contract test sends this request only after that example ("<operationId>.<name>"). */
  after?: string;
}

export interface RouteDoc {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path under the server URL /api/v1, e.g. "/units/{id}". */
  path: string;
  /** The route handler file, relative to the repository root. */
  file: string;
  summary: string;
  description: string;
  tags: string[];
  security: Security;
  request: {
    params?: z.ZodObject;
    query?: z.ZodObject;
    body?: z.ZodType;
    headers?: z.ZodObject;
  };
  response: {
    status: 200 | 201;
    description: string;
    mediaType: "application/json" | "text/calendar";
    schema: z.ZodType;
    headers?: Record<string, z.ZodType>;
  };
  /** Other statuses answered with the success schema (e.g. health's 503). */
  alsoResponds?: Array<{ status: number; description: string }>;
  /** The route honours an Idempotency-Key header (defineRoute's `idempotent: true`). */
  idempotent?: boolean;
  /** Error statuses the route can answer with (each documented with the ErrorResponse shape). */
  errors: number[];
  examples: RouteExample[];
}
