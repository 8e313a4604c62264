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
  // The Idempotency-Key was first used with a different request (Stripe answers the same).
  IDEMPOTENCY_KEY_REUSED: 422,
  // The first request with this Idempotency-Key is still running; retrying shortly is safe.
  IDEMPOTENCY_IN_PROGRESS: 409,
  // A stay the property's rules do not allow (minimum/maximum nights, horizon, cut-off, weekday).
  STAY_NOT_ALLOWED: 422,
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

// ---- Factories: one guest- or owner-facing message per situation. ----

export function signInRequired(): AppError {
  return new AppError("UNAUTHORIZED", "Sign in to the owner console first.");
}

export function forbidden(message = "You may not do this."): AppError {
  return new AppError("FORBIDDEN", message);
}

// Idempotency-Key refusals (lib/server/http/idempotency.ts). Messages are read out by chatbots.

export function idempotencyKeyReused(): AppError {
  return new AppError(
    "IDEMPOTENCY_KEY_REUSED",
    "This request key was already used for a different request. Send a new Idempotency-Key with each new request.",
  );
}

export function idempotencyInProgress(): AppError {
  return new AppError(
    "IDEMPOTENCY_IN_PROGRESS",
    "The same request is still being processed. Please try again in a moment.",
    { headers: { "Retry-After": "1" } },
  );
}

// --- Factories: one guest-facing message per situation -------------------------------------------
// Services and the HTTP wrapper throw these rather than spelling messages out, so the same
// situation always answers the same text (an unknown unit reads the same on every endpoint) and
// the OpenAPI examples can quote the real thing.

/** 400 with one issue per bad field; `path` is the field as the caller sent it. */
export function validation(issues: ErrorIssue[], cause?: unknown): AppError;
export function validation(path: string, message: string, cause?: unknown): AppError;
export function validation(issuesOrPath: ErrorIssue[] | string, messageOrCause?: unknown, cause?: unknown): AppError {
  const issues = typeof issuesOrPath === "string" ? [{ path: issuesOrPath, message: String(messageOrCause) }] : issuesOrPath;
  return new AppError("VALIDATION_FAILED", "The request is not valid; see issues.", {
    issues,
    cause: typeof issuesOrPath === "string" ? cause : messageOrCause,
  });
}

export function invalidJson(): AppError {
  return new AppError("INVALID_JSON", "The request body is not valid JSON.");
}

export function bodyNotAnObject(): AppError {
  return new AppError("INVALID_JSON", "The request body must be a JSON object.");
}

/** 401s say how to authenticate (RFC 9110): a Bearer token. */
export function unauthorized(): AppError {
  return new AppError("UNAUTHORIZED", "Missing or invalid credentials.", {
    headers: { "WWW-Authenticate": 'Bearer realm="palm-aire-court"' },
  });
}

export function forbiddenOrigin(): AppError {
  return new AppError("FORBIDDEN", "This origin may not call this endpoint.");
}

export function payloadTooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${maxBytes / 1024} KB.`);
}

export function invalidSignature(cause?: unknown): AppError {
  return new AppError("INVALID_SIGNATURE", "Invalid signature.", cause === undefined ? {} : { cause });
}

/** A concurrent request changed what this one read; trying again is safe. */
export function conflict(cause?: unknown): AppError {
  return new AppError("CONFLICT", "The request conflicted with another one; please try again.", cause === undefined ? {} : { cause });
}

export function serviceBusy(options: { headers?: Record<string, string>; cause?: unknown } = {}): AppError {
  return new AppError("SERVICE_UNAVAILABLE", "The service is busy; please try again in a moment.", options);
}

export function internalError(): AppError {
  return new AppError("INTERNAL", "Something went wrong on our side. Quote the requestId if you contact us.");
}

export function rateLimited(options: { headers?: Record<string, string>; details?: Record<string, unknown> } = {}): AppError {
  return new AppError("RATE_LIMITED", "Too many requests; try again shortly.", options);
}

export function paymentProviderError(cause: unknown): AppError {
  return new AppError("PAYMENT_PROVIDER_ERROR", "The payment provider could not be reached; please try again.", { cause });
}

/** An /api path no route serves (app/api/[[...path]]/route.ts). */
export function noSuchEndpoint(): AppError {
  return new AppError("NOT_FOUND", "There is no API endpoint at this path; see /api/v1/openapi.json.", { headers: { "Cache-Control": "no-store" } });
}

/** A method the route does not serve; `allow` lists the ones it does. */
export function methodNotAllowed(allow: string): AppError {
  return new AppError("METHOD_NOT_ALLOWED", `This endpoint answers ${allow} only.`, { headers: { Allow: allow, "Cache-Control": "no-store" } });
}

export function unknownUnit(): AppError {
  return new AppError("NOT_FOUND", "No unit with that id or slug is available.");
}

export function unknownHold(): AppError {
  return new AppError("NOT_FOUND", "No hold with that id exists.");
}

export function unknownCheckout(): AppError {
  return new AppError("NOT_FOUND", "No checkout with that payment id.");
}

/** Some of the nights are booked or held by someone else. */
export function staysUnavailable(): AppError {
  return new AppError("UNAVAILABLE", "Those dates are no longer available.");
}

export function checkInInPast(): AppError {
  return validation("checkIn", "checkIn cannot be in the past.");
}

export function holdAlreadyPaid(): AppError {
  return new AppError("HOLD_NOT_ACTIVE", "This hold has already been paid.");
}

export function holdExpired(): AppError {
  return new AppError("HOLD_EXPIRED", "This hold has expired; place a new hold.");
}

/** The unit has no rate plan (its own or its category's). */
export function noRatePlan(cause?: unknown): AppError {
  return new AppError("UNPRICEABLE_STAY", "This stay cannot be priced online; please contact us.", cause === undefined ? {} : { cause });
}

/** The plan's tiers cannot cover this number of nights exactly. */
export function stayLengthNotOffered(nights: number, cause?: unknown): AppError {
  return new AppError(
    "UNPRICEABLE_STAY",
    `This unit is not offered for a stay of ${nights} night${nights === 1 ? "" : "s"}; please try other dates or contact us.`,
    cause === undefined ? {} : { cause },
  );
}

// --- Refusals of a stay (#13) ---------------------------------------------------------------
// Every refusal carries details.rule (a StayRuleCode) with the rule's figure and up to three
// alternatives a program can book instead; the message is what a guest reads.

type Refusal =
  | { rule: "UNAVAILABLE" }
  | { rule: "PAST"; today: string }
  | { rule: "MIN_NIGHTS"; minNights: number }
  | { rule: "MAX_NIGHTS"; maxNights: number }
  | { rule: "HORIZON"; lastCheckIn: string }
  | { rule: "SAME_DAY_CUTOFF"; cutoffHour: number }
  | { rule: "CHECKIN_WEEKDAY"; checkInWeekdays: number[] }
  | { rule: "CAPACITY"; capacity: number }
  | { rule: "PETS"; maxPets: number };

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const nightsText = (n: number) => `${n} night${n === 1 ? "" : "s"}`;

/** The guest-facing sentence for a refusal. */
export function refusalMessage(refusal: Refusal): string {
  switch (refusal.rule) {
    case "UNAVAILABLE":
      return "Those dates are no longer available.";
    case "PAST":
      return "Dates in the past cannot be booked.";
    case "MIN_NIGHTS":
      return `Stays on these dates are at least ${nightsText(refusal.minNights)}.`;
    case "MAX_NIGHTS":
      return `Stays can be at most ${nightsText(refusal.maxNights)}; for longer stays, please contact us.`;
    case "HORIZON":
      return `We take bookings for check-in up to ${refusal.lastCheckIn}.`;
    case "SAME_DAY_CUTOFF":
      return `Same-day check-in can be booked online until ${String(refusal.cutoffHour).padStart(2, "0")}:00; please call us or pick a later date.`;
    case "CHECKIN_WEEKDAY":
      return `On these dates check-in is on ${refusal.checkInWeekdays.map((d) => WEEKDAYS[d] ?? String(d)).join(" or ")} only.`;
    case "CAPACITY":
      return `This unit sleeps at most ${refusal.capacity} guest${refusal.capacity === 1 ? "" : "s"}.`;
    case "PETS":
      return refusal.maxPets === 0 ? "This unit does not accept pets." : `This unit accepts at most ${refusal.maxPets} pets.`;
  }
}

/**
 * The AppError for a refused stay: party problems are a 400 naming the field, past dates a 400 on
 * checkIn, taken nights 409 UNAVAILABLE, any other rule 422 STAY_NOT_ALLOWED.
 */
export function stayRefused(refusal: Refusal, alternatives: unknown[] = []): AppError {
  const message = refusalMessage(refusal);
  const details = { ...refusal, alternatives };
  switch (refusal.rule) {
    case "CAPACITY":
    case "PETS": {
      const path = refusal.rule === "CAPACITY" ? "guests" : "pets";
      return new AppError("VALIDATION_FAILED", "The request is not valid; see issues.", { issues: [{ path, message }], details });
    }
    case "PAST":
      return new AppError("VALIDATION_FAILED", "The request is not valid; see issues.", {
        issues: [{ path: "checkIn", message: "checkIn cannot be in the past." }],
        details,
      });
    case "UNAVAILABLE":
      return new AppError("UNAVAILABLE", message, { details });
    default:
      return new AppError("STAY_NOT_ALLOWED", message, { details });
  }
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

// Owner console: rates and rules (#16).

/** A row the console page showed was removed meanwhile (another tab, another owner). */
export function consoleRowGone(what: string): AppError {
  return new AppError("NOT_FOUND", `That ${what} no longer exists; reload the page.`);
}

/** The name (or code) of a seeded row is the seed's key: changing it would make the seed add the row again. */
export function rowKeyFixed(path: string, what: string): AppError {
  return validation(path, `The ${what} of an existing row cannot change; add a new one instead.`);
}

/** Another tax, stay rule or cancellation policy already has this name, code or scope. */
export function rateRowTaken(path: string, what: string): AppError {
  return new AppError("CONFLICT", `Another ${what} already exists; change that one instead.`, { issues: [{ path, message: `Another ${what} already exists.` }] });
}

// Manual bookings from the owner console (#16). Owner-facing: they name what is in the way.

export interface StayInTheWay {
  kind: "booking" | "hold" | "block";
  id: string;
  start: string;
  end: string;
  /** How the owner knows it: "booking PAC-7K3M9Q (Ann Smith)", "an owner block (repairs)". */
  label: string;
}

/** Nights of a manual booking already taken: 409 naming the first stay in the way. */
export function nightsTakenBy(stays: StayInTheWay[]): AppError {
  const first = stays[0];
  const message = first
    ? `These nights overlap ${first.label} from ${first.start} to ${first.end}.`
    : "These nights are no longer available.";
  return new AppError("UNAVAILABLE", message, {
    details: { rule: "UNAVAILABLE", stays: stays.map(({ kind, id, start, end, label }) => ({ kind, id, start, end, label })) },
  });
}

/** An override total below what the fees and taxes alone come to. */
export function overrideTooLow(minimumCents: number): AppError {
  return new AppError("VALIDATION_FAILED", "The request is not valid; see issues.", {
    issues: [{ path: "totalOverrideCents", message: `The total cannot be less than the fees and taxes, ${(minimumCents / 100).toFixed(2)}.` }],
    details: { minimumCents },
  });
}

/** A resend asked of a booking that is not confirmed (a cancelled stay gets no confirmation). */
export function bookingNotConfirmed(): AppError {
  return new AppError("CONFLICT", "This booking is cancelled; there is no confirmation to send.");
}
