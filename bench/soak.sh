#!/usr/bin/env bash
# Soak benchmark (issue 24): 10 minutes of mixed load on SQLite and on PostgreSQL — visitors
# browsing and searching, members writing, 200 bidders on 5 auctions, 1,000 live watchers — each
# client from its own address through a trusted proxy's X-Forwarded-For. Prints requests, 5xx and
# p50/p99 per class, resident memory after warm-up and at the end, and whether every acknowledged
# bid is in its auction's log. Asserts nothing; record the figures in docs/PERFORMANCE.md.
#   ENGINES="sqlite postgres" BENCH_SOAK_SECONDS=600 bench/soak.sh
# Needs a release build (`make build`); the client is server/examples/soak.rs. Seeds its own
# databases once (target/bench-soak, techx_bench_soak).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-3220}
engines=${ENGINES:-sqlite postgres}
pg_admin=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
pg_base=${pg_admin%/*}
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

cargo build --release -p server --example soak
client=target/release/examples/soak

for engine in $engines; do
  case $engine in
    sqlite)
      mkdir -p target/bench-soak
      url="sqlite://$PWD/target/bench-soak/techx.db"
      [[ -f target/bench-soak/techx.db ]] || ./target/release/techx --database-url "$url" seed >/dev/null
      ;;
    postgres)
      url="$pg_base/techx_bench_soak"
      if ! psql "$pg_admin" -tAc "SELECT 1 FROM pg_database WHERE datname = 'techx_bench_soak'" | grep -q 1; then
        psql "$pg_admin" -qc "CREATE DATABASE techx_bench_soak"
        ./target/release/techx --database-url "$url" seed >/dev/null
      fi
      ;;
  esac
  RUST_LOG=warn,sqlx=error ./target/release/techx --database-url "$url" serve --bind "127.0.0.1:$port" \
    --site-root target/site --data-dir target/bench-soak --trusted-proxies 127.0.0.1/32 &
  server=$!
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  echo "## $engine"
  "$client" "$url" "http://127.0.0.1:$port" "$server"
  kill "$server"; wait "$server" 2>/dev/null || true
  trap - EXIT
done
