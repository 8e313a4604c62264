// The measured server's command line, shared by `npm run bench` and the profiler.

/**
 * Node's arguments for the app's server: `node --import tsx scripts/server.ts` is what `npm start`
 * (tsx scripts/server.ts) runs, minus tsx's relaying parent process, so the server is one process
 * whose CPU can be read. BENCH_SERVER_NODE_FLAGS (e.g. "--trace-gc") adds V8 flags, which Node
 * refuses in NODE_OPTIONS, for investigations; `extra` goes after them (e.g. the profiler's).
 */
export function serverNodeArgs(extra: string[] = []): string[] {
  const flags = process.env.BENCH_SERVER_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  return [...flags, ...extra, "--import", "tsx", "scripts/server.ts"];
}
