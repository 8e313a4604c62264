// The one error class of the app and the one table from its codes to HTTP statuses.

export const errorStatus = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  // A Stripe webhook whose Stripe-Signature header is missing or does not match the raw body.
  INVALID_SIGNATURE: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  UNAVAILABLE: 409,
  CONFLICT: 409,
  HOLD_NOT_ACTIVE: 409,
  HOLD_EXPIRED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPRICEABLE_STAY: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  PAYMENT_PROVIDER_ERROR: 502,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: ErrorIssue[];
  readonly headers?: Record<string, string>;
  /** Machine-readable facts a program can act on (e.g. `rule`, `alternatives`); never internals. */
  readonly details?: Record<string, unknown>;

  /** `message` is shown to the caller: it must never contain internals or personal data. */
  constructor(
    code: ErrorCode,
    message: string,
    options: { issues?: ErrorIssue[]; headers?: Record<string, string>; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.issues = options.issues;
    this.headers = options.headers;
    this.details = options.details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: ErrorIssue[]; details?: Record<string, unknown>; requestId?: string };
}

// Guest communications (#15).

/** The one answer of a booking lookup that fails: unknown code and wrong email look the same. */
export function bookingLookupFailed(): AppError {
  return new AppError("NOT_FOUND", "No booking matches that booking code and email.");
}
