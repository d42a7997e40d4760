#!/usr/bin/env bash
# Foundation benchmarks; prints figures, asserts nothing. Record results in docs/PERFORMANCE.md.
#   1. home page SSR on the seeded SQLite database, 32 connections (wrk)
#   2. one hashed /pkg asset: throughput, and whether it is served compressed and cacheable
#   3. size of the initial wasm: raw / gzip / brotli
# Needs a release build (`make build`) and wrk (`scripts/ensure-tools.sh --bench`).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-3200}
duration=${BENCH_DURATION:-10s}
data=target/bench-data

if [[ ! -f "$data/techx.db" ]]; then
  mkdir -p "$data"
  ./target/release/techx seed --data-dir "$data"
fi
RUST_LOG=warn ./target/release/techx serve --data-dir "$data" --bind "127.0.0.1:$port" --site-root target/site &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

echo "## home page SSR (wrk -t2 -c32 -d$duration --latency /)"
wrk -t2 -c32 -d"$duration" --latency "http://127.0.0.1:$port/" | grep -E 'Requests/sec|50%|99%|Latency|Non-2xx|Socket errors' || true

# The current build's hashed names (older builds may have left other files in pkg/).
hash_of() { awk -v k="$1:" '$1 == k {print $2}' target/release/hash.txt; }
wasm=target/site/pkg/techx.$(hash_of wasm).wasm
css=target/site/pkg/techx.$(hash_of css).css
asset="/pkg/$(basename "$css")"
echo
echo "## /pkg asset $asset (wrk -t2 -c32 -d$duration, Accept-Encoding: br)"
curl -s -o /dev/null -D - -H 'Accept-Encoding: br, gzip' "http://127.0.0.1:$port$asset" | grep -iE '^(content-encoding|cache-control|content-length):' || true
wrk -t2 -c32 -d"$duration" --latency -H 'Accept-Encoding: br, gzip' "http://127.0.0.1:$port$asset" | grep -E 'Requests/sec|50%|99%' || true

echo
echo "## initial wasm $(basename "$wasm")"
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
if [[ -f "$wasm.br" ]]; then br=$(stat -c %s "$wasm.br"); else br="n/a (build with --precompress)"; fi
printf 'raw %d bytes (%d KB), gzip %d bytes (%d KB), brotli %s bytes (%s KB)\n' \
  "$raw" $((raw / 1024)) "$gz" $((gz / 1024)) "$br" "$([[ $br =~ ^[0-9]+$ ]] && echo $((br / 1024)) || echo '?')"
