import { Prisma } from "@prisma/client";

// Postgres errors reach us in two shapes: PrismaClientKnownRequestError (with a P-code) and,
// through the pg driver adapter, a DriverAdapterError whose cause carries the SQLSTATE.

export function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const c = current as {
      code?: unknown;
      originalCode?: unknown;
      cause?: unknown;
      meta?: { code?: unknown; driverAdapterError?: unknown };
    };
    if (typeof c.originalCode === "string" && /^[0-9A-Z]{5}$/.test(c.originalCode)) return c.originalCode;
    if (typeof c.meta?.code === "string" && /^[0-9A-Z]{5}$/.test(c.meta.code)) return c.meta.code;
    if (typeof c.code === "string" && /^[0-9A-Z]{5}$/.test(c.code) && !c.code.startsWith("P")) return c.code;
    // A failed raw query ($queryRaw) arrives as P2010 with the driver error under
    // meta.driverAdapterError; the SQLSTATE is on its cause.
    current = c.meta?.driverAdapterError ?? c.cause;
  }
  return undefined;
}

function prismaCode(error: unknown): string | undefined {
  return error instanceof Prisma.PrismaClientKnownRequestError ? error.code : undefined;
}

/** A unique (23505 / P2002) or exclusion (23P01) violation: the row conflicts with another. */
export function isConflictError(error: unknown): boolean {
  const state = sqlState(error);
  return prismaCode(error) === "P2002" || state === "23505" || state === "23P01";
}

/** An exclusion-constraint violation: overlapping stays. */
export function isOverlapError(error: unknown): boolean {
  return sqlState(error) === "23P01";
}

/** Serialization failure (40001 / P2034) or deadlock (40P01): safe to retry the transaction. */
export function isRetryableTxError(error: unknown): boolean {
  const state = sqlState(error);
  return prismaCode(error) === "P2034" || state === "40001" || state === "40P01";
}
