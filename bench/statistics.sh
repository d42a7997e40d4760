#!/usr/bin/env bash
# /statistics benchmarks at scale 10 on SQLite and PostgreSQL; prints figures, asserts nothing.
# Record results in docs/PERFORMANCE.md (target: /statistics ≥ 1,000 req/s at scale 10).
#   1. reading the figures from the database once (the first request for each period, before
#      anything is cached), timed by curl
#   2. /statistics (wrk -t2 -c32) as a visitor gets it (the page cache keeping it for seconds)
#   3. the same with the page cache off: every page rendered, the figures from their own cache
#   4. a chart's CSV file
# Needs a release build (`make build`) and wrk (`scripts/ensure-tools.sh --bench`).
# BENCH_ENGINES picks the engines (default: "sqlite postgres"), BENCH_SCALE the scale (10).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-3220}
duration=${BENCH_DURATION:-10s}
scale=${BENCH_SCALE:-10}
bin=./target/release/techx

serve() { # serve URL [ARGS…] → starts the server, waits until it answers
  local url=$1
  shift
  RUST_LOG=warn "$bin" serve --database-url "$url" --bind "127.0.0.1:$port" \
    --site-root target/site "$@" &
  server=$!
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
  for _ in $(seq 300); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
}

stop() {
  kill "$server" 2>/dev/null
  wait "$server" 2>/dev/null || true
  trap - EXIT
}

measure() { # measure TITLE PATH
  echo "## $1 (wrk -t2 -c32 -d$duration --latency $2)"
  wrk -t2 -c32 -d"$duration" --latency "http://127.0.0.1:$port$2" \
    | grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors' || true
}

for engine in ${BENCH_ENGINES:-sqlite postgres}; do
  url=$(bench/bench-db.sh "$engine" "$scale")
  serve "$url"
  for period in 12m 36m all; do
    echo "## $engine, scale $scale: reading the figures for period=$period, uncached:" \
      "$(curl -fs -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/api/get_statistics?period=$period") s"
  done
  measure "$engine, scale $scale: /statistics" /statistics
  measure "$engine, scale $scale: /statistics/new-listings.csv" "/statistics/new-listings.csv?period=all"
  stop
  serve "$url" --page-cache-entries 0
  measure "$engine, scale $scale: /statistics, page cache off" /statistics
  stop
done
