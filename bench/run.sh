#!/usr/bin/env bash
# Foundation benchmarks; prints figures, asserts nothing. Record results in docs/PERFORMANCE.md.
#   1. home page SSR on the seeded SQLite database, 32 connections (wrk)
#   2. one hashed /pkg asset: throughput, and whether it is served compressed and cacheable
#   3. listing pages, stall pages and the offers index, each over many different URLs (wrk + Lua)
#   4. size of the first wasm module (raw / gzip / brotli) and of the lazy islands' chunks
# Needs a release build (`make build`) and wrk (`scripts/ensure-tools.sh --bench`).
# BENCH_SERVE_ARGS adds server flags: `--page-cache-entries 0` measures every page rendered.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-3200}
duration=${BENCH_DURATION:-10s}
source bench/serve.sh

echo "## home page SSR (wrk -t2 -c32 -d$duration --latency /)"
wrk -t2 -c32 -d"$duration" --latency "http://127.0.0.1:$port/" | grep -E 'Requests/sec|50%|99%|Latency|Non-2xx|Socket errors' || true

# wrk over a list of paths taken from the seeded database, one after another.
rotate() { # rotate TITLE SQL [HEADER]
  local script paths header=()
  [[ -n ${3:-} ]] && header=(-H "$3")
  script=$(mktemp --suffix .lua)
  paths=$(python3 - "$data/techx.db" "$2" <<'PY'
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchall()
print(",".join('"%s"' % r[0] for r in rows))
PY
)
  cat >"$script" <<LUA
local paths = { $paths }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
  echo
  echo "## $1 (wrk -t2 -c32 -d$duration --latency, $(tr -cd ',' <<<"$paths" | wc -c | awk '{print $1 + 1}') different paths)"
  wrk -t2 -c32 -d"$duration" --latency "${header[@]}" -s "$script" "http://127.0.0.1:$port" | grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors' || true
  rm -f "$script"
}
rotate "listing page /listings/{slug}" \
  "SELECT '/listings/' || slug FROM listings WHERE status = 'published' ORDER BY id DESC LIMIT 1000"
rotate "listing page /listings/{slug}, as a browser asks (Accept-Encoding: gzip, deflate, br, zstd)" \
  "SELECT '/listings/' || slug FROM listings WHERE status = 'published' ORDER BY id DESC LIMIT 1000" \
  "Accept-Encoding: gzip, deflate, br, zstd"
rotate "stall page /stalls/{slug}" \
  "SELECT '/stalls/' || slug FROM stalls WHERE status = 'approved' LIMIT 240"
rotate "stall directory /stalls?… (words, filters, orders)" \
  "SELECT '/stalls' UNION ALL SELECT '/stalls?q=nong+nghiep' UNION ALL SELECT '/stalls?q=co+khi&sort=name'
   UNION ALL SELECT '/stalls?province=can-tho&org_kind=cooperative' UNION ALL SELECT '/stalls?sector=thuy-san&sort=newest'
   UNION ALL SELECT '/stalls?page=5'"
rotate "offers index /offers?page=N" \
  "SELECT '/offers?page=' || value FROM (SELECT 1 AS value UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 10 UNION ALL SELECT 100 UNION ALL SELECT 400)"

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
echo "## first wasm module $(basename "$wasm") (every page with an island loads it; others none)"
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
if [[ -f "$wasm.br" ]]; then br=$(stat -c %s "$wasm.br"); else br="n/a (build with --precompress)"; fi
printf 'raw %d bytes (%d KB), gzip %d bytes (%d KB), brotli %s bytes (%s KB)\n' \
  "$raw" $((raw / 1024)) "$gz" $((gz / 1024)) "$br" "$([[ $br =~ ^[0-9]+$ ]] && echo $((br / 1024)) || echo '?')"

# With `--split`, the lazy islands (the bidding page's) are modules of their own, fetched by the
# pages that have them, with the chunks they share.
chunks=$(ls target/site/pkg/split_*.wasm.br target/site/pkg/chunk_*.wasm.br 2>/dev/null || true)
if [[ -n "$chunks" ]]; then
  echo
  echo "## lazy islands' modules (brotli bytes)"
  for f in $chunks; do printf '%-60s %7d\n' "$(basename "$f" .wasm.br)" "$(stat -c %s "$f")"; done
  printf '%-60s %7d\n' "all of them" "$(cat $chunks | wc -c)"
fi
