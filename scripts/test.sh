#!/usr/bin/env bash
# Runs every test: unit, integration (real Kestrel, Azurite, fake SendGrid) and browser (Chromium).
# Ends by printing the totals alone on one line: "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund || exit 1

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet test CareerKit.sln --nologo \
  --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" \
  --blame-hang-timeout 15m
status=$?

# Totals from the test results themselves (one .trx per test project).
read -r passed failed skipped < <(
  cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
    END { printf "%d %d %d\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["notExecuted"] }')

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # The run broke before or outside the tests (build error, crash): never report it as clean.
fi

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"
