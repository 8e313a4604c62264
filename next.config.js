/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // middleware.ts serves /api paths with a trailing slash in place (a 308 would drop a POST's
  // body and breaks the JSON error shape) and redirects pages itself.
  skipTrailingSlashRedirect: true,
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
