// Request coalescing for a read whose answer is the same for every caller (issue #19): callers
// that ask while the read is in flight share the next one, which is sent only after they asked.
// So N concurrent callers cost about one query per round trip instead of N, and no caller is
// answered from a query sent before it called: under READ COMMITTED a statement sees every commit
// made before it started, so a shared answer is exactly as fresh as a query of the caller's own.
// Joining the read already in flight would be cheaper but wrong: it may have started before a
// commit the caller must see (e.g. the owner's rate change, or a hold another guest just placed).

/**
 * Wraps `read` so concurrent callers share queries: the first caller starts one at once; callers
 * that arrive while it runs all get the next one, started when it settles. A failed read rejects
 * every caller that shares it.
 */
export function coalesce<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;

  const start = (): Promise<T> => {
    const query = read();
    running = query;
    const settle = () => {
      if (running === query) running = null;
    };
    query.then(settle, settle);
    return query;
  };

  return function shared(): Promise<T> {
    if (!running) return start();
    next ??= running.then(ignore, ignore).then(() => {
      next = null;
      return start();
    });
    return next;
  };
}

function ignore(): void {}
