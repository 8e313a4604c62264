// Scrubs personal data and secrets from anything about to be logged. Key-based redaction
// catches structured fields; the patterns catch the same data inside free text such as error
// messages, which is where it usually leaks.

const SENSITIVE_KEY = /^(email|receipt_?email|phone|first_?name|last_?name|full_?name|name|customer_?name|authorization|cookie|set-cookie|x-cron-secret|client_?secret|clientsecret|password|token|secret|api_?key|stripe-signature)$/i;

const PATTERNS: Array<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, "$1 [REDACTED]"],
  [/\bpi_[A-Za-z0-9]+_secret_[A-Za-z0-9]+/g, "[REDACTED_CLIENT_SECRET]"],
  [/\b(sk|rk|pk)_(test|live)_[A-Za-z0-9]+/g, "[REDACTED_KEY]"],
  [/\bwhsec_[A-Za-z0-9]+/g, "[REDACTED_KEY]"],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, "[REDACTED_EMAIL]"],
  // Phone numbers: 7+ digits with optional +, spaces, dots, dashes, parentheses.
  [/(?<![\w-])\+?\(?\d[\d\s().-]{6,}\d(?![\w-])/g, (match: string) => (match.replace(/\D/g, "").length >= 7 ? "[REDACTED_PHONE]" : match)] as unknown as [RegExp, string],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) {
    out = out.replace(pattern, replacement as never);
  }
  return out;
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[TRUNCATED]";
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: redactText(value.message),
      stack: value.stack ? redactText(value.stack) : undefined,
      code: (value as { code?: unknown }).code,
      cause: value.cause === undefined ? undefined : redact(value.cause, depth + 1),
    };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SENSITIVE_KEY.test(key) && v !== undefined && v !== null ? "[REDACTED]" : redact(v, depth + 1);
  }
  return out;
}
