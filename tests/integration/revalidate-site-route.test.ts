import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/internal/revalidate-site/route";
import { bearer, callRoute } from "../support/call-route";
import { TEST_CRON_SECRET, TEST_SERVICE_API_KEY } from "../support/test-env";

// The manual "pages are stale" switch for edits made outside the app. Only the cron secret opens
// it; outside a Next.js server there is no page cache, and the call still answers (it is a no-op
// there, never an error). That the pages really follow is a browser test (guest-site.spec.ts).

describe("POST /api/internal/revalidate-site", () => {
  it("answers 401 without the cron secret, with a wrong one and with the service key", async () => {
    for (const headers of [{}, bearer("wrong-secret-0123456789"), bearer(TEST_SERVICE_API_KEY)]) {
      const res = await callRoute(POST, { method: "POST", path: "/api/internal/revalidate-site", headers });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHORIZED");
    }
  });

  it("answers 200 with the cron secret", async () => {
    const res = await callRoute(POST, { method: "POST", path: "/api/internal/revalidate-site", headers: bearer(TEST_CRON_SECRET) });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revalidated: true });
  });
});
