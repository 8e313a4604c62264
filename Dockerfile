# Palm Aire Court: production image (Next.js standalone output, non-root, health-checked), plus a
# `migrate` target that applies migrations and seeds a new database. docker-compose.yml uses both;
# docs/deployment.md, "Docker", says how to run it against your own PostgreSQL.
#
#   docker build -t palm-aire-court .                    # the app
#   docker build --target migrate -t palm-aire-court-migrate .
#
# NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is built into the browser code, so it is a build argument
# (empty: the site shows the test-mode card form, which only works with test keys). Every other
# setting is read when the container starts.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# postinstall runs `prisma generate`, which needs the schema and prisma.config.ts (no engine download).
RUN npm ci --no-audit --no-fund

FROM deps AS builder
COPY . .
ARG NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=""
ENV NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=${NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY}
# The build imports the route modules, which validate the environment; these placeholders only
# satisfy that check. Nothing connects at build time and no value here reaches the image's
# runtime environment (ENV is not set; the runner stage starts clean).
RUN DATABASE_URL=postgresql://build:build@127.0.0.1:1/build \
    STRIPE_SECRET_KEY=sk_test_build STRIPE_WEBHOOK_SECRET=whsec_build \
    SERVICE_API_KEY=build-placeholder-000000000000000000 CRON_SECRET=build-placeholder \
    AUTH_SECRET=build-placeholder-auth-secret-000000000000 \
    ORIGIN=http://localhost:3000 NOTIFICATIONS=off NODE_ENV=production \
    npx next build \
 && npx esbuild scripts/server.ts --platform=node --format=cjs --target=node20 --outfile=.next/standalone/palm-server.js

# Applies migrations (over DIRECT_URL when set) and seeds a database that has no units yet.
FROM builder AS migrate
USER node
CMD ["node_modules/.bin/tsx", "scripts/db-setup.ts"]

FROM ${NODE_IMAGE} AS runner
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOST=0.0.0.0
COPY --from=builder --chown=node:node /app/.next/standalone ./
COPY --from=builder --chown=node:node /app/.next/static ./.next/static
COPY --from=builder --chown=node:node /app/public ./public
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# palm-server.js is scripts/server.ts: Next.js behind a node:http server that records each
# request's socket address for rate limiting (docs/decisions.md, "Client IP for rate limiting").
CMD ["node", "palm-server.js"]
