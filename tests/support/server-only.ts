// Stand-in for the "server-only" guard when modules run under Vitest or tsx.
export {};
