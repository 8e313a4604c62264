import { expect, test } from "./fixtures";

// The production server (npm start, demo mode) as a browser or a client sees it: security
// headers on a page and on API answers, and the API's one JSON error shape for answers no route
// handler gives.

test.describe("security headers and the API's error shape on the production server", () => {
  test("a page and an API answer carry the security headers, HSTS included", async ({ request }) => {
    for (const path of ["/", "/api/v1/units", "/api/v1/no-such-thing"]) {
      const res = await request.get(path);
      const headers = res.headers();
      expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(headers["strict-transport-security"], path).toBe("max-age=31536000; includeSubDomains");
    }
  });

  test("unknown API paths are 404 JSON, wrong methods 405 with Allow, trailing slashes are served in place", async ({ request }) => {
    const missing = await request.get("/api/v1/no-such-thing");
    expect(missing.status()).toBe(404);
    expect((await missing.json()).error.code).toBe("NOT_FOUND");
    expect(missing.headers()["x-request-id"]).toBeTruthy();

    const wrong = await request.delete("/api/v1/units");
    expect(wrong.status()).toBe(405);
    expect(wrong.headers()["allow"]).toBe("GET, HEAD, OPTIONS");
    expect((await wrong.json()).error.code).toBe("METHOD_NOT_ALLOWED");

    const slash = await request.get("/api/v1/units/", { maxRedirects: 0 });
    expect(slash.status()).toBe(200);
    expect(Array.isArray((await slash.json()).units ?? (await slash.json()))).toBe(true);

    // A POST with a trailing slash keeps its body (served in place, not redirected).
    const slashPost = await request.post("/api/v1/quote/", { data: {}, maxRedirects: 0 });
    expect(slashPost.status()).toBe(400);
    expect((await slashPost.json()).error.code).toBe("VALIDATION_FAILED");

    for (const path of ["/api", "/api/", "/api/v1/units/essex/nope"]) {
      const res = await request.post(path, { data: {}, maxRedirects: 0 });
      expect(res.status(), path).toBe(404);
      expect((await res.json()).error.code, path).toBe("NOT_FOUND");
    }

    // OPTIONS on a route without CORS, HEAD on a route without GET: the API's 405, not Next.js's 204 or empty 405.
    const options = await request.fetch("/api/v1/webhooks/stripe", { method: "OPTIONS" });
    expect(options.status()).toBe(405);
    expect(options.headers()["allow"]).toBe("POST");
    expect((await options.json()).error.code).toBe("METHOD_NOT_ALLOWED");
    const head = await request.head("/api/v1/quote");
    expect(head.status()).toBe(405);
    expect(head.headers()["allow"]).toBe("POST, OPTIONS");

    const text = await request.post("/api/v1/quote", { headers: { "content-type": "text/plain" }, data: "{}" });
    expect(text.status()).toBe(415);
    expect((await text.json()).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  test("a page address with a trailing slash redirects to the canonical one, query kept", async ({ request }) => {
    const res = await request.get("/units/?sort=price", { maxRedirects: 0 });
    expect(res.status()).toBe(308);
    expect(res.headers()["location"]).toBe("/units?sort=price");
  });
});
