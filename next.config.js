// Security headers for every answer, pages and API alike.
//
// The Content-Security-Policy allows what the site really loads: its own scripts and styles
// (Next.js inlines small bootstrap scripts and styles, hence 'unsafe-inline'; no nonce plumbing
// in a mostly static site), Stripe.js and its frames for the Payment Element, and nothing may
// frame the site (frame-ancestors 'none': the checkout page cannot be clickjacked).
//
// They are static configuration rather than middleware: any middleware.ts makes Next.js 14 run
// its edge sandbox on every request, which cost half of this server's throughput (issue #19,
// docs/decisions.md).
function securityHeaders(production) {
  const csp = [
    "default-src 'self'",
    // Development only: React's dev build and Fast Refresh use eval.
    `script-src 'self' 'unsafe-inline' https://js.stripe.com${production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    "connect-src 'self' https://api.stripe.com https://*.stripe.com",
    "frame-src https://js.stripe.com https://hooks.stripe.com",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // Older browsers that ignore frame-ancestors.
    { key: "X-Frame-Options", value: "DENY" },
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }] : []),
  ];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A trailing slash: pages redirect to their one canonical address (308), but an /api path is
  // served in place, since a redirect breaks clients that do not resend a POST's body and the
  // API's JSON error shape. Next.js's own redirect would do both, so it is off.
  skipTrailingSlashRedirect: true,
  async headers() {
    // An unnamed group, not "/:path*": with a named parameter Next.js compiles every header value
    // as a template on every request (the CSP is long), without one it copies them.
    return [{ source: "/(.*)", headers: securityHeaders(process.env.NODE_ENV === "production") }];
  },
  async redirects() {
    return [{ source: "/:path((?!api(?:/|$)).+)/", destination: "/:path", permanent: true }];
  },
  async rewrites() {
    return { beforeFiles: [{ source: "/api/:path*/", destination: "/api/:path*" }] };
  },
  // Separate build folders let the benchmark and the browser tests build side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // A self-contained server folder (.next/standalone) with only the files it needs: what the
  // Docker image runs. `npm start` keeps running from the full checkout as before.
  output: "standalone",
  // The build type-checks (a deploy that skipped `npm test` cannot ship a type error); lint is
  // not part of this project.
  eslint: { ignoreDuringBuilds: true },
  experimental: {
    instrumentationHook: true,
    // NEXT_SERVER_MINIFY=0 keeps function names in the server bundle, so a CPU profile
    // (scripts/bench/profile-endpoint.ts) names the app's own functions instead of "p" and "l".
    serverMinification: process.env.NEXT_SERVER_MINIFY !== "0",
    // Keep Prisma's WebAssembly query compiler, pg, pino and the PGlite engine out of the
    // webpack bundle: they load files relative to their own package folders at run time.
    serverComponentsExternalPackages: ["@prisma/client", ".prisma/client", "@prisma/adapter-pg", "pg", "pino", "@electric-sql/pglite"],
    // Prisma reads its query compiler from a .wasm file at run time, which file tracing cannot
    // see: without this the standalone server (the Docker image) fails every query.
    outputFileTracingIncludes: { "/**/*": ["./node_modules/.prisma/client/*.wasm"] },
  },
};

module.exports = nextConfig;
