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

# Sums the numbers before "passed" and "failed" on a log's summary lines (awk alone: a grep that
# matches nothing would end the script under pipefail).
count() { # count LOG LINE-REGEX
  local p f
  p=$(awk -v re="$2" '$0 ~ re { for (i = 2; i <= NF; i++) if ($i ~ /^passed/) s += $(i-1) } END { print s+0 }' "$1")
  f=$(awk -v re="$2" '$0 ~ re { for (i = 2; i <= NF; i++) if ($i ~ /^failed/) s += $(i-1) } END { print s+0 }' "$1")
  passed=$((passed + p)); failed=$((failed + f))
}

echo "==> building the release site (server + wasm)"
cargo leptos build --release --precompress --split

echo "==> unit tests (app, with the server features)"
cargo test --release -p app --features ssr 2>&1 | tee "$logs/app.log" || status=1
count "$logs/app.log" "^test result:"

echo "==> server unit and integration tests (SQLite and PostgreSQL)"
cargo test --release -p server 2>&1 | tee "$logs/server.log" || status=1
count "$logs/server.log" "^test result:"

echo "==> browser tests (Chromium, JavaScript off and on)"
(cd end2end && npx playwright test) 2>&1 | tee "$logs/e2e.log" || status=1
count "$logs/e2e.log" "^ +[0-9]+ (passed|failed)"

if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
echo
echo "techx: $passed passed, $failed failed"
exit $status
