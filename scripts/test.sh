#!/usr/bin/env bash
# Runs every test and ends with one line counting them: unit and integration tests (on SQLite and on
# the PostgreSQL at $TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres), then the
# browser tests in end2end/: JavaScript off and on against SQLite, and the marketplace, auction and
# live-update specs against PostgreSQL, the three side by side.
#
# One build serves all of it: the `ci` profile (the workspace unoptimised, its dependencies
# optimised) compiles the unit tests, the integration tests and the `techx` binary the browser
# tests run; the browser's module is built once in its release profile, as deployed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# A fresh clone builds once: incremental compilation would only add to that.
[[ -n "${CI:-}" ]] && export CARGO_INCREMENTAL=0

started=$SECONDS
step() { printf '\033[1m==> %s\033[0m (%d s so far)\n' "$1" $((SECONDS - started)); }

scripts/ensure-tools.sh --test

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
passed=0; failed=0; skipped=0; status=0

# Sums the numbers before "passed", "failed" and the skipped word on a log's summary lines (awk
# alone: a grep that matches nothing would end the script under pipefail).
count() { # count LOG LINE-REGEX SKIPPED-WORD
  local p f s
  p=$(awk -v re="$2" '$0 ~ re { for (i = 2; i <= NF; i++) if ($i ~ /^passed/) n += $(i-1) } END { print n+0 }' "$1")
  f=$(awk -v re="$2" '$0 ~ re { for (i = 2; i <= NF; i++) if ($i ~ /^failed/) n += $(i-1) } END { print n+0 }' "$1")
  s=$(awk -v re="$2" -v w="^$3" '$0 ~ re { for (i = 2; i <= NF; i++) if ($i ~ w) n += $(i-1) } END { print n+0 }' "$1")
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

step "building the browser's module (release) beside the tests (ci profile)"
cargo leptos build --release --precompress --split --frontend-only >"$logs/site.log" 2>&1 &
site=$!
cargo test --profile ci -p app -p server --features app/ssr --no-run 2>&1 | tail -n 3
if ! wait $site; then
  cat "$logs/site.log"
  echo "techx: the browser's module did not build"
  exit 1
fi
# The server finds the hashed asset names in hash.txt beside its executable.
cp target/release/hash.txt target/ci/hash.txt

step "unit and integration tests (SQLite and PostgreSQL)"
cargo test --profile ci -p app -p server --features app/ssr -- --skip fuzz:: 2>&1 | tee "$logs/cargo.log" || status=1
count "$logs/cargo.log" "^test result:" "ignored"

step "fuzzing every server function and form route (a table per engine)"
cargo test --profile ci -p server --features app/ssr --test integration -- fuzz:: --nocapture 2>&1 \
  | grep -v "^   Compiling\|^    Finished\|^     Running" | tee "$logs/fuzz.log" || status=1
count "$logs/fuzz.log" "^test result:" "ignored"

step "browser tests (Chromium): no-js, js and postgres side by side"
export TECHX_BIN=target/ci/techx
pids=()
for project in no-js js postgres; do
  (cd end2end && E2E_PROJECT=$project npx playwright test --project="$project") >"$logs/e2e-$project.log" 2>&1 &
  pids+=($!)
done
for n in "${!pids[@]}"; do
  wait "${pids[$n]}" || status=1
done
for project in no-js js postgres; do
  echo "--- $project"
  cat "$logs/e2e-$project.log"
  count "$logs/e2e-$project.log" "^ +[0-9]+ (passed|failed|skipped|flaky)" "skipped"
done

if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
echo
echo "techx: $passed passed, $failed failed, $skipped skipped ($((SECONDS - started)) s)"
exit $status
