import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/health/route";
import { prisma } from "@/lib/server/db/client";
import { callRoute } from "../support/call-route";

describe("GET /api/v1/health", () => {
  it("answers 200 with the database up and every migration applied", async () => {
    const res = await callRoute(GET, { path: "/api/v1/health" });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.database).toBe("up");
    expect(res.body.migrations.pending).toEqual([]);
    expect(res.body.migrations.applied).toBeGreaterThanOrEqual(2);
    // No import feed and no conflict in a fresh database.
    expect(res.body.status).toBe("ok");
    expect(res.body.channels).toEqual({ staleFeeds: [], openConflicts: 0 });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers 503 when a migration on disk has not been applied", async () => {
    const [latest] = await prisma.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await prisma.$executeRaw`UPDATE _prisma_migrations SET migration_name = migration_name || '_moved' WHERE id = ${latest!.id}`;
    try {
      const res = await callRoute(GET, { path: "/api/v1/health" });
      expect(res.status).toBe(503);
      expect(res.body.ok).toBe(false);
      expect(res.body.status).toBe("down");
      expect(res.body.migrations.pending).toHaveLength(1);
    } finally {
      await prisma.$executeRaw`UPDATE _prisma_migrations SET migration_name = replace(migration_name, '_moved', '') WHERE id = ${latest!.id}`;
    }
  });

  it("keeps a sane caller X-Request-Id and replaces an unsafe one", async () => {
    const kept = await callRoute(GET, { path: "/api/v1/health", headers: { "x-request-id": "chatbot-req-12345" } });
    expect(kept.headers.get("x-request-id")).toBe("chatbot-req-12345");
    const replaced = await callRoute(GET, { path: "/api/v1/health", headers: { "x-request-id": "bad<id>;drop" } });
    // Replaced by a fresh id of the server's own shape (a UUID), never the caller's text.
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
