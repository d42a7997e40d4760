#!/usr/bin/env bash
# Alert benchmarks; prints figures, asserts nothing. Record results in docs/PERFORMANCE.md.
#
# For each engine (SQLite, PostgreSQL) and scale (SCALES, default 10 = 128k listings), uses the
# database bench/bench-db.sh seeds (seeding it when missing) and runs server/examples/alert_bench.rs:
# 100,000 saved searches of 10,000 members (made once), the reverse search of 500 listings, and a
# daily digest run for the 10,000 members.
# Needs PostgreSQL on 127.0.0.1:5432 (TEST_POSTGRES_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
scales=${SCALES:-10}
engines=${ENGINES:-sqlite postgres}

cargo build --release --bin techx --example alert_bench -p server --features app/ssr

for engine in $engines; do
  for scale in $scales; do
    url=$(bench/bench-db.sh "$engine" "$scale")
    echo
    echo "## $engine, scale $scale"
    ./target/release/examples/alert_bench "$url"
  done
done
