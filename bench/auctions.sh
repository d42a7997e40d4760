#!/usr/bin/env bash
# Auction benchmarks; prints figures, asserts nothing. Record results in docs/PERFORMANCE.md.
#   1. accepted bids per second on one hot auction, 100 concurrent bidders
#   2. fan-out: acknowledgement-to-arrival time of each bid at 1,000 open bidding pages, p50/p99
#   3. the server's memory per open bidding page
# on SQLite and on PostgreSQL (ENGINES="sqlite postgres"). Each run adds a fresh auction and
# bidders to a seeded database kept between runs (target/bench-auctions, techx_bench_auctions).
# Needs a release build (`make build`); the client is server/examples/auction_bench.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-3210}
engines=${ENGINES:-sqlite postgres}
pg_admin=${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
pg_base=${pg_admin%/*}
# A thousand open streams on each side.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

cargo build --release -p server --example auction_bench
client=target/release/examples/auction_bench

for engine in $engines; do
  case $engine in
    sqlite)
      mkdir -p target/bench-auctions
      url="sqlite://$PWD/target/bench-auctions/techx.db"
      [[ -f target/bench-auctions/techx.db ]] || ./target/release/techx --database-url "$url" seed >/dev/null
      ;;
    postgres)
      url="$pg_base/techx_bench_auctions"
      if ! psql "$pg_admin" -tAc "SELECT 1 FROM pg_database WHERE datname = 'techx_bench_auctions'" | grep -q 1; then
        psql "$pg_admin" -qc "CREATE DATABASE techx_bench_auctions"
        ./target/release/techx --database-url "$url" seed >/dev/null
      fi
      ;;
  esac
  RUST_LOG=warn,sqlx=error ./target/release/techx --database-url "$url" serve --bind "127.0.0.1:$port" \
    --site-root target/site --trusted-proxies 127.0.0.1/32 &
  server=$!
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  echo "## $engine"
  "$client" "$url" "http://127.0.0.1:$port" "$server"
  kill "$server"; wait "$server" 2>/dev/null || true
  trap - EXIT
done
