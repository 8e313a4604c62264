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

    const text = await request.post("/api/v1/quote", { headers: { "content-type": "text/plain" }, data: "{}" });
    expect(text.status()).toBe(415);
    expect((await text.json()).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});
