#!/usr/bin/env bash
# Runs every test and ends with one line counting them: unit and integration tests (on SQLite and on
# the PostgreSQL at $TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres), then the
# browser tests in end2end/ against a release build, with JavaScript off and on.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

scripts/ensure-tools.sh --test

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
passed=0; failed=0; status=0

count_cargo() { # sums "test result: ... N passed; M failed" lines of a cargo test log
  local p f
  p=$(grep -Eo '[0-9]+ passed' "$1" | awk '{s+=$1} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed' "$1" | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}

echo "==> building the release site (server + wasm)"
cargo leptos build --release --precompress

echo "==> unit tests (app, with the server features)"
cargo test --release -p app --features ssr 2>&1 | tee "$logs/app.log" || status=1
count_cargo "$logs/app.log"

echo "==> server unit and integration tests (SQLite and PostgreSQL)"
cargo test --release -p server 2>&1 | tee "$logs/server.log" || status=1
count_cargo "$logs/server.log"

echo "==> browser tests (Chromium, JavaScript off and on)"
(cd end2end && npx playwright test) 2>&1 | tee "$logs/e2e.log" || status=1
p=$(grep -Eo '^\s*[0-9]+ passed' "$logs/e2e.log" | awk '{s+=$1} END {print s+0}')
f=$(grep -Eo '^\s*[0-9]+ failed' "$logs/e2e.log" | awk '{s+=$1} END {print s+0}')
passed=$((passed + p)); failed=$((failed + f))

if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
echo
echo "techx: $passed passed, $failed failed"
exit $status
