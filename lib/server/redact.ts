// Scrubs personal data and secrets from anything about to be logged. Key-based redaction
// catches structured fields; the patterns catch the same data inside free text such as error
// messages, which is where it usually leaks. The logger applies `redact` to every logged object
// and `redactText` once more to every finished line, so the patterns must never break JSON:
// none of them can match a quote or a backslash.

/** Keys whose value is always replaced, wherever they appear (substring match). */
const SENSITIVE_KEY_PART = /email|phone|first_?name|last_?name|full_?name|customer_?name|guest_?name|authorization|cookie|secret|password|passwd|token|api_?key|signature|credential/i;
/** Keys replaced only on an exact match ("name" alone is a person's name more often than not). */
const SENSITIVE_KEY_EXACT = /^(name|given_?name|family_?name|surname)$/i;

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY_PART.test(key) || SENSITIVE_KEY_EXACT.test(key);
}

type Replacer = string | ((match: string, ...groups: string[]) => string);

const PATTERNS: Array<[RegExp, Replacer]> = [
  // Authorization header values.
  [/\b(Bearer|Basic)\s+[^\s"'\\,;]+/gi, "$1 [REDACTED]"],
  // Stripe client secrets (pi_..._secret_..., seti_..._secret_...), API keys, webhook secrets.
  [/\b[a-z]{2,6}_[A-Za-z0-9]+_secret_[A-Za-z0-9]+/g, "[REDACTED_CLIENT_SECRET]"],
  [/\b(sk|rk|pk)_(test|live)_[A-Za-z0-9]+/g, "[REDACTED_KEY]"],
  [/\bwhsec_[A-Za-z0-9]+/g, "[REDACTED_KEY]"],
  // Email addresses.
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, "[REDACTED_EMAIL]"],
  // Phone numbers, international form: "+" then 7 to 15 digits with spaces, dots, dashes, parentheses.
  [
    /(?<![\w+])\+\d[\d ().-]{5,22}\d(?![\w-])/g,
    (m) => {
      const digits = m.replace(/\D/g, "").length;
      return digits >= 7 && digits <= 15 ? "[REDACTED_PHONE]" : m;
    },
  ],
  // Phone numbers, North American form with separators: (239) 555-0100, 239.555.0100, 239-555-0100,
  // 239 555 0100, optionally preceded by 1. Bare digit runs (amounts, ids) and ISO dates
  // (4-2-2 digits) do not have this shape.
  [/(?<![\w.+-])(?:1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])/g, "[REDACTED_PHONE]"],
  // Values printed next to their field name in error texts (Prisma's "firstName: \"Ana\"",
  // JSON '"email":"..."'); key names as in SENSITIVE_KEY_PART.
  [
    /\b(\w*(?:email|phone|first_?name|last_?name|full_?name|customer_?name|secret|password|token)\w*)("?\s*[:=]\s*)"[^"\\]*"/gi,
    '$1$2"[REDACTED]"',
  ],
  // PostgreSQL error details that quote row values.
  [/(Failing row contains )\([^\n"\\]*\)/g, "$1([REDACTED])"],
  [/(Key \([^)\n"\\]*\)=)\([^\n"\\]*?\)(?= already exists| is not present| conflicts|\.|$)/gm, "$1([REDACTED])"],
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
    const out: Record<string, unknown> = {
      type: value.name,
      message: redactText(value.message),
      stack: value.stack ? redactText(value.stack) : undefined,
    };
    // Own fields such as Prisma's `code` and `meta`, under the same key rules.
    for (const [key, v] of Object.entries(value)) {
      if (key === "name" || key === "message" || key === "stack" || key === "cause") continue;
      out[key] = redactField(key, v, depth);
    }
    if (value.cause !== undefined) out.cause = redact(value.cause, depth + 1);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = redactField(key, v, depth);
  return out;
}

function redactField(key: string, value: unknown, depth: number): unknown {
  if (value === undefined || value === null) return value;
  return isSensitiveKey(key) ? "[REDACTED]" : redact(value, depth + 1);
}
