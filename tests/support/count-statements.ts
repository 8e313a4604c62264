import pg from "pg";

/**
 * Every statement this process sends to PostgreSQL while `run` is in progress, whichever path
 * sends it: the hot reads' pg pool (lib/server/db/read-pool.ts) and Prisma's driver adapter both
 * go through pg's Client.query, so this sees exactly what the database is asked, including
 * BEGIN/COMMIT of a transaction. Run one call at a time: anything else in flight is counted too.
 */
export async function countStatements<T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    statements.push(typeof first === "string" ? first : (first?.text ?? "?"));
    return original.apply(this, args);
  };
  try {
    const result = await run();
    return { result, statements };
  } finally {
    proto.query = original;
  }
}
