#!/usr/bin/env bash
# Lighthouse (mobile, default settings) on the five pages a first visitor is likeliest to open:
# the home page, a search, a listing with pictures, a running auction and the stall directory.
# Prints a table and asserts nothing; record it in docs/PERFORMANCE.md.
# Needs a release build (`make build`) and Lighthouse (`scripts/ensure-tools.sh --bench`).
#   LIGHTHOUSE_RUNS=3 (median of N runs a page)  BENCH_SERVE_ARGS (more server flags)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-3201}
source bench/serve.sh

sql() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$data/techx.db" "$1"; }
listing=$(sql "SELECT slug FROM listings WHERE status = 'published' AND image_count > 0 ORDER BY id LIMIT 1")
auction=$(sql "SELECT id FROM auctions WHERE status = 'approved' AND starts_at < strftime('%s','now') * 1000
  AND ends_at > strftime('%s','now') * 1000 + 3600000 ORDER BY bid_count DESC, id LIMIT 1")
node bench/lighthouse.mjs "http://127.0.0.1:$port" / "/search?q=may+keo" "/listings/$listing" "/auctions/$auction" /stalls
