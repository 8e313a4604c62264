import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { callRoute } from "../support/call-route";
import { signedIn } from "../support/admin-session";
import { TEST_ORIGIN } from "../support/test-env";

// The authorisation walk over every console API route (files under app/api/admin): each method
// refuses a request without a session, with an expired or disabled user's session, and (for
// owner-only routes) staff; every mutation refuses another origin. Pages are walked by the
// browser tests, which can follow redirects.

type RouteModule = Record<string, unknown>;
const root = path.resolve(__dirname, "../../app/api/admin");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

interface Endpoint {
  file: string;
  urlPath: string;
  method: (typeof METHODS)[number];
  handler: (request: Request, context: { params: Record<string, string> }) => Promise<Response>;
}

let endpoints: Endpoint[] = [];
let staffCookie: string;
let ownerCookie: string;

beforeAll(async () => {
  for (const file of routeFiles(root)) {
    const mod = (await import(file)) as RouteModule;
    const urlPath = "/api/admin/" + path.relative(root, path.dirname(file)).replace(/\[(\w+)\]/g, "x-$1");
    for (const method of METHODS) {
      const handler = mod[method];
      // The methods a route does not serve share one 405 handler (otherMethods); error-shape.test.ts checks those.
      const refusal = METHODS.filter((m) => mod[m] === handler).length > 1;
      if (typeof handler === "function" && !refusal) endpoints.push({ file, urlPath, method, handler: handler as Endpoint["handler"] });
    }
  }
  staffCookie = (await signedIn("STAFF")).cookie;
  ownerCookie = (await signedIn("OWNER")).cookie;
});

const params = (urlPath: string) => Object.fromEntries([...urlPath.matchAll(/x-(\w+)/g)].map((m) => [m[1]!, `x-${m[1]}`]));

async function call(e: Endpoint, headers: Record<string, string>) {
  const body = e.method === "GET" ? undefined : {};
  return callRoute(e.handler, { method: e.method, path: e.urlPath, params: params(e.urlPath), headers: { ...(body ? { origin: TEST_ORIGIN } : {}), ...headers }, body });
}

describe("owner console API authorisation", () => {
  it("finds the console routes to walk", () => {
    // Guards the walk itself: a refactor that moved the routes must not make it vacuous.
    expect(endpoints.map((e) => `${e.method} ${e.urlPath}`)).toEqual(expect.arrayContaining([
        "GET /api/admin/bookings/export",
        "POST /api/admin/bookings/x-id/notes",
        "PUT /api/admin/rates",
        "POST /api/admin/channels/feeds",
        "DELETE /api/admin/channels/tokens/x-id",
        "POST /api/admin/bookings",
        "POST /api/admin/bookings/quote",
        "POST /api/admin/bookings/x-id/resend-confirmation",
      ]));
  });

  it("refuses every route without a session: 401 in the API's error shape", async () => {
    for (const e of endpoints) {
      const res = await call(e, {});
      expect(res.status, `${e.method} ${e.urlPath}`).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHORIZED");
    }
  });

  it("refuses an unknown, an expired and a disabled user's session", async () => {
    const expired = await signedIn("OWNER", { expires: new Date(Date.now() - 1000) });
    const disabled = await signedIn("OWNER", { disabled: true });
    for (const cookie of ["next-auth.session-token=not-a-session", expired.cookie, disabled.cookie]) {
      for (const e of endpoints) expect((await call(e, { cookie })).status, `${e.method} ${e.urlPath}`).toBe(401);
    }
  });

  it("refuses every mutation from another origin, even with a valid session (CSRF)", async () => {
    const mutations = endpoints.filter((e) => e.method !== "GET");
    expect(mutations.length).toBeGreaterThan(0);
    for (const e of mutations) {
      for (const origin of ["https://evil.example", ""]) {
        const res = await call(e, { cookie: ownerCookie, origin });
        expect(res.status, `${e.method} ${e.urlPath} from "${origin}"`).toBe(403);
      }
    }
  });

  it("lets staff in where staff may go and keeps owner-only routes to the owner", async () => {
    // Staff and owner get past authorisation: whatever they get, it is not 401/403. Staff get
    // 403 on exactly the owner-only routes (partial refunds, rates and rules, property settings, console users, channels).
    const refusedToStaff: string[] = [];
    for (const e of endpoints) {
      const asStaff = await call(e, { cookie: staffCookie });
      expect(asStaff.status, `${e.method} ${e.urlPath} as staff`).not.toBe(401);
      if (asStaff.status === 403) {
        expect(asStaff.body.error.code).toBe("FORBIDDEN");
        refusedToStaff.push(`${e.method} ${e.urlPath}`);
      }
      const asOwner = await call(e, { cookie: ownerCookie });
      expect([401, 403], `${e.method} ${e.urlPath} as owner`).not.toContain(asOwner.status);
    }
    expect(refusedToStaff.sort()).toEqual(
      [
        "POST /api/admin/bookings/x-id/refunds",
        "PUT /api/admin/rates",
        "POST /api/admin/rates/preview",
        "PUT /api/admin/settings",
        "POST /api/admin/users",
        "PATCH /api/admin/users/x-id",
        "POST /api/admin/channels/feeds",
        "PATCH /api/admin/channels/feeds/x-id",
        "DELETE /api/admin/channels/feeds/x-id",
        "POST /api/admin/channels/tokens",
        "DELETE /api/admin/channels/tokens/x-id",
      ].sort(),
    );
  });
});
