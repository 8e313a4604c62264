#!/usr/bin/env bash
# Runs the unit and integration tests N times in a row (default 20) and stops at the first red
# run: a test that fails by chance (a random id, a race, a timing) shows up here rather than in
# someone else's CI run. Prints how many runs in a row were green and, on a failure, the failing
# tests and where the whole output of that run is kept.
#
#   scripts/test-repeat.sh            # 20 runs of `npx vitest run`
#   scripts/test-repeat.sh 5          # 5 runs
#   scripts/test-repeat.sh 50 tests/integration/holds.test.ts   # extra arguments go to vitest
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${1:-20}"
shift || true
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/test-repeat.sh [runs (default 20)] [vitest arguments…]" >&2
  exit 2
fi

logs="$(mktemp -d "${TMPDIR:-/tmp}/test-repeat.XXXXXX")"
green=0
for ((i = 1; i <= runs; i++)); do
  started=$SECONDS
  log="$logs/run-$i.log"
  report="$logs/run-$i.json"
  if npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" >"$log" 2>&1; then
    green=$((green + 1))
    echo "run $i/$runs: green ($((SECONDS - started)) s)"
    rm -f "$log" "$report"
    continue
  fi
  echo "run $i/$runs: RED ($((SECONDS - started)) s)"
  echo "failing:"
  # The JSON report names each failed test with its file; without one (vitest itself failed to
  # start, or a file failed to load), the tail of the output says why.
  if [ -s "$report" ] && node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    let n = 0;
    for (const file of r.testResults ?? []) {
      const failed = (file.assertionResults ?? []).filter((t) => t.status === "failed");
      for (const t of failed) { n++; console.log(`  ${file.name.replace(process.cwd() + "/", "")} > ${t.fullName}`); }
      if (!failed.length && file.status === "failed") { n++; console.log(`  ${file.name.replace(process.cwd() + "/", "")}: ${(file.message ?? "failed to run").split("\n")[0]}`); }
    }
    process.exit(n ? 0 : 1);
  ' "$report"; then :; else
    tail -n 30 "$log" | sed "s/^/  /"
  fi
  echo "output of the red run: $log"
  echo "$green consecutive green run(s) before the failure"
  exit 1
done
rmdir "$logs" 2>/dev/null || true
echo "$green consecutive green run(s) of $runs"
