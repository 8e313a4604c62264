// The one error class of the app and the one table from its codes to HTTP statuses.

export const errorStatus = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  // A Stripe webhook whose Stripe-Signature header is missing or does not match the raw body.
  INVALID_SIGNATURE: 400,
  // A refund amount above what remains refundable on the booking (details.refundableCents).
  REFUND_TOO_LARGE: 400,
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

// ---- Cancellations and refunds (issue #14) ----

export function bookingNotFound(): AppError {
  return new AppError("NOT_FOUND", "No booking with that id exists.");
}

/** An explicit refund amount above what is left to refund on the booking. */
export function refundTooLarge(refundableCents: number): AppError {
  return new AppError("REFUND_TOO_LARGE", `The refund can be at most ${refundableCents} cents, what remains refundable on this booking.`, {
    details: { refundableCents },
  });
}

/** Something only the owner may do (set a refund amount, refund after a stay). */
export function ownerOnly(what: string): AppError {
  return new AppError("FORBIDDEN", `Only the owner can ${what}.`);
}

/** A refund asked of a booking that has no captured card payment to refund. */
export function nothingToRefund(): AppError {
  return new AppError("CONFLICT", "This booking has no card payment left to refund.", { details: { refundableCents: 0 } });
}

// Guest communications (#15).

/** The one answer of a booking lookup that fails: unknown code and wrong email look the same. */
export function bookingLookupFailed(): AppError {
  return new AppError("NOT_FOUND", "No booking matches that booking code and email.");
}
