import type { PrismaClient } from "@prisma/client";
import { prisma } from "@/lib/server/db/client";

/**
 * A client on the same connection pool that records every Prisma operation (model calls and raw
 * queries), for tests asserting that a service makes a fixed number of queries. Prisma's "query"
 * log event is not emitted through driver adapters, so a client extension does the counting.
 * A nested select of a relation counts as one operation, as Prisma issues it.
 */
export function countingClient(): { db: PrismaClient; operations: string[] } {
  const operations: string[] = [];
  const extended = prisma.$extends({
    query: {
      $allOperations({ model, operation, args, query }) {
        operations.push(model ? `${model}.${operation}` : operation);
        return query(args);
      },
    },
  });
  // The extension adds no model or method, so the services' PrismaClient parameter fits it.
  return { db: extended as unknown as PrismaClient, operations };
}
