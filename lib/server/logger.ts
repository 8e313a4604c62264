import "server-only";
import pino from "pino";
import { redact, redactText } from "./redact";

type LogListener = (line: string) => void;
const listeners = new Set<LogListener>();

/** Lets a test read every line the app logs, exactly as written. Returns the remover. */
export function onLogLine(listener: LogListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Every line passes through `redact` before it is serialised, wherever it was logged from.
const destination = {
  write(line: string) {
    process.stdout.write(line);
    for (const listener of listeners) listener(line);
  },
};

export const logger = pino(
  {
    level: process.env.LOG_LEVEL || (process.env.NODE_ENV === "test" ? "warn" : "info"),
    base: { service: "palm-aire-court" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redact(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const cleaned = args.map((a) => (typeof a === "string" ? redactText(a) : a)) as Parameters<typeof method>;
        return method.apply(this, cleaned);
      },
    },
    serializers: { err: (e: unknown) => redact(e) },
  },
  destination,
);
