#!/usr/bin/env bash
# `npm run test:docker`: builds the Docker image and runs `docker compose up` as an owner would,
# on a throwaway project with test secrets, then checks migrations, the seed, health, a page, a
# quote, the jobs route, the image's health check and its non-root user, and removes everything
# (containers, volume, images of the project). Needs Docker with Compose v2 (or docker-compose)
# and access to Docker Hub for the base images. Not part of CI (CI machines have no Docker): run it
# before a release that changes the Dockerfile, docker-compose.yml, next.config.js, dependencies
# or scripts/server.ts.
set -euo pipefail
cd "$(dirname "$0")/.."

if docker compose version >/dev/null 2>&1; then compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then compose=(docker-compose)
else echo "Docker Compose is not installed (docker compose plugin or docker-compose)"; exit 1; fi

project="pac-docker-test-$$"
port="${DOCKER_TEST_PORT:-38$(( RANDOM % 900 + 100 ))}"
envfile="$(mktemp)"
rand() { head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c "$1"; }
cat > "$envfile" <<ENV
POSTGRES_PASSWORD=$(rand 24)
STRIPE_SECRET_KEY=sk_test_$(rand 24)
STRIPE_WEBHOOK_SECRET=whsec_$(rand 32)
SERVICE_API_KEY=$(rand 48)
CRON_SECRET=$(rand 32)
ORIGIN=http://127.0.0.1:${port}
LOG_LEVEL=warn
PAYMENTS_DEMO_MODE=true
NOTIFICATIONS=off
ENV
cron_secret="$(grep ^CRON_SECRET= "$envfile" | cut -d= -f2)"
dc() { APP_ENV_FILE="$envfile" APP_PORT="$port" "${compose[@]}" -p "$project" --env-file "$envfile" "$@"; }
cleanup() {
  dc logs --no-color > "test-results/docker-test.log" 2>&1 || true
  dc down -v --rmi local >/dev/null 2>&1 || true
  rm -f "$envfile"
}
mkdir -p test-results
trap cleanup EXIT

echo "== docker compose up --build (project $project, port $port)"
dc up -d --build

echo "== waiting for the app container to be healthy"
app="$(dc ps -q app)"
for _ in $(seq 1 120); do
  status="$(docker inspect -f '{{.State.Health.Status}}' "$app" 2>/dev/null || echo starting)"
  [ "$status" = healthy ] && break
  [ "$status" = unhealthy ] && { echo "app container is unhealthy"; exit 1; }
  sleep 3
done
[ "$status" = healthy ] || { echo "app container not healthy after 6 minutes"; exit 1; }

base="http://127.0.0.1:${port}"
check() { echo "-- $1"; shift; "$@"; }
check "health" sh -c "curl -fsS $base/api/v1/health | grep -q '\"ok\":true'"
check "home page" sh -c "curl -fsS $base/ | grep -q 'Palm Aire Court'"
check_in="$(date -u -d '+30 days' +%F)"; check_out="$(date -u -d '+33 days' +%F)"
check "quote" sh -c "curl -fsS -X POST -H 'content-type: application/json' -d '{\"unitId\":\"essex\",\"checkIn\":\"$check_in\",\"checkOut\":\"$check_out\"}' $base/api/v1/quote | grep -q '\"nights\":3'"
check "jobs route" sh -c "curl -fsS -H 'authorization: Bearer $cron_secret' $base/api/internal/jobs | grep -q expire-holds"
check "runs as a non-root user" sh -c "[ \"\$(docker exec $app id -u)\" != 0 ]"
echo "-- migrate exited 0"
[ "$(docker inspect -f '{{.State.ExitCode}}' "$(dc ps -aq migrate)")" = 0 ]

echo "== second start: migrations idempotent, seed skipped"
dc up -d --force-recreate migrate app
sleep 5
dc logs migrate | grep -q "seed skipped"
echo "Docker test passed."
