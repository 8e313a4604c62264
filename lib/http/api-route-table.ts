// Every /api path the app serves and the methods each answers, as plain data the middleware
// (edge runtime) can read. tests/integration/error-shape.test.ts checks it against the route
// files' exports, so a new route or method cannot be forgotten here.

export interface ApiRouteEntry {
  /** The route's folder template, as in app/api ("/api/v1/units/[id]"). */
  template: string;
  /** Methods the route file exports; HEAD is implied by GET. */
  methods: readonly string[];
}

export const API_ROUTES: readonly ApiRouteEntry[] = [
  { template: "/api/v1/health", methods: ["GET"] },
  { template: "/api/v1/openapi.json", methods: ["GET", "OPTIONS"] },
  { template: "/api/v1/units", methods: ["GET", "OPTIONS"] },
  { template: "/api/v1/units/[id]", methods: ["GET", "OPTIONS"] },
  { template: "/api/v1/units/[id]/ical.ics", methods: ["GET", "OPTIONS"] },
  { template: "/api/v1/units/[id]/ical/[token]", methods: ["GET", "OPTIONS"] },
  { template: "/api/v1/availability", methods: ["GET", "OPTIONS"] },
  { template: "/api/v1/quote", methods: ["POST", "OPTIONS"] },
  { template: "/api/v1/search", methods: ["GET", "OPTIONS"] },
  { template: "/api/v1/holds", methods: ["POST", "OPTIONS"] },
  { template: "/api/v1/checkout", methods: ["POST", "OPTIONS"] },
  { template: "/api/v1/bookings/cancel", methods: ["POST", "OPTIONS"] },
  { template: "/api/v1/bookings/lookup", methods: ["POST", "OPTIONS"] },
  { template: "/api/v1/bookings/[id]/cancellation-quote", methods: ["POST", "OPTIONS"] },
  { template: "/api/v1/bookings/[id]/refunds", methods: ["POST", "OPTIONS"] },
  { template: "/api/v1/webhooks/stripe", methods: ["POST"] },
  { template: "/api/site/booking-status", methods: ["GET"] },
  { template: "/api/internal/jobs", methods: ["GET", "POST"] },
  { template: "/api/mcp", methods: ["POST"] },
  { template: "/api/internal/expire-holds", methods: ["GET", "POST"] },
  { template: "/api/internal/revalidate-site", methods: ["POST"] },
  { template: "/api/bench/ping", methods: ["GET"] },
  { template: "/api/auth/[...nextauth]", methods: ["GET", "POST"] },
  { template: "/api/admin/bookings", methods: ["POST"] },
  { template: "/api/admin/bookings/quote", methods: ["POST"] },
  { template: "/api/admin/bookings/export", methods: ["GET"] },
  { template: "/api/admin/bookings/[id]/resend-confirmation", methods: ["POST"] },
  { template: "/api/admin/bookings/[id]/notes", methods: ["POST"] },
  { template: "/api/admin/bookings/[id]/cancel", methods: ["POST"] },
  { template: "/api/admin/bookings/[id]/cancellation-preview", methods: ["POST"] },
  { template: "/api/admin/bookings/[id]/refunds", methods: ["POST"] },
  { template: "/api/admin/rates", methods: ["PUT"] },
  { template: "/api/admin/rates/preview", methods: ["POST"] },
  { template: "/api/admin/settings", methods: ["PUT"] },
  { template: "/api/admin/users", methods: ["POST"] },
  { template: "/api/admin/users/[id]", methods: ["PATCH"] },
  { template: "/api/admin/blocks", methods: ["POST"] },
  { template: "/api/admin/blocks/[id]", methods: ["DELETE"] },
  { template: "/api/admin/channels/feeds", methods: ["POST"] },
  { template: "/api/admin/channels/feeds/[id]", methods: ["PATCH"] },
  { template: "/api/admin/channels/tokens", methods: ["POST"] },
  { template: "/api/admin/channels/tokens/[id]", methods: ["DELETE"] },
];

function toRegExp(template: string): RegExp {
  const body = template
    .split("/")
    .map((segment) => (/^\[\.\.\..+\]$/.test(segment) ? ".+" : /^\[.+\]$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${body}$`);
}

const compiled = API_ROUTES.map((route) => ({ route, pattern: toRegExp(route.template) }));

/** The route serving `pathname` (no trailing slash), or undefined. */
export function matchApiRoute(pathname: string): ApiRouteEntry | undefined {
  return compiled.find((c) => c.pattern.test(pathname))?.route;
}

/** The Allow header value of a route: its methods, with HEAD beside GET. */
export function allowHeader(route: ApiRouteEntry): string {
  const methods = [...route.methods];
  if (methods.includes("GET")) methods.splice(methods.indexOf("GET") + 1, 0, "HEAD");
  return methods.join(", ");
}
