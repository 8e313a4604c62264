import "server-only";
import pino from "pino";
import { logLevelFrom } from "@/lib/env-schema";
import { redact, redactText } from "./redact";

type LogListener = (line: string) => void;
const listeners = new Set<LogListener>();

/** Lets a test read every line the app logs, exactly as written. Returns the remover. */
export function onLogLine(listener: LogListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const destination = {
  write(line: string) {
    process.stdout.write(line);
    for (const listener of listeners) listener(line);
  },
};

/** The message of an error being logged, when the call gave no message of its own. */
function errorMessage(first: unknown): string | undefined {
  const err = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
  const message = (err as { message?: unknown } | null | undefined)?.message;
  return typeof message === "string" ? message : undefined;
}

// Redaction happens three times, wherever a line is logged from:
// 1. logMethod: string arguments (messages and their %s values) go through the text patterns;
//    an error logged without a message gets its redacted message as `msg` (pino would otherwise
//    copy the raw err.message there, past every other step).
// 2. formatters.log: the logged object, recursively: sensitive keys replaced, every string,
//    error message, stack and cause through the text patterns.
// 3. streamWrite: the finished JSON line through the text patterns once more, a safety net
//    for anything that reached the line another way.
export const logger = pino(
  {
    level: logLevelFrom(process.env),
    base: { service: "palm-aire-court" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redact(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const cleaned: unknown[] = args.map((a) => (typeof a === "string" ? redactText(a) : a));
        if (cleaned.length === 1 && typeof cleaned[0] === "object" && cleaned[0] !== null) {
          const message = errorMessage(cleaned[0]);
          if (message !== undefined) cleaned.push(redactText(message));
        }
        return method.apply(this, cleaned as Parameters<typeof method>);
      },
      streamWrite: (line) => redactText(line),
    },
    serializers: { err: (e: unknown) => redact(e) },
  },
  destination,
);
