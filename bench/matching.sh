#!/usr/bin/env bash
# Supply–demand benchmarks; prints figures, asserts nothing. Record results in docs/PERFORMANCE.md.
#
# For each engine (SQLite, PostgreSQL) and scale (SCALES, default 10 = 128k listings), uses the
# database bench/bench-db.sh seeds (seeding it when missing) and runs server/examples/match_bench.rs:
# the matches of 500 listings spread over the catalogue, then 500 searches computed without the
# cache over what buyers type (typos, partial matches, synonyms among them).
# Needs PostgreSQL on 127.0.0.1:5432 (TEST_POSTGRES_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
scales=${SCALES:-10}
engines=${ENGINES:-sqlite postgres}

cargo build --release --bin techx --example match_bench -p server --features app/ssr

for engine in $engines; do
  for scale in $scales; do
    url=$(bench/bench-db.sh "$engine" "$scale")
    echo
    echo "## $engine, scale $scale"
    ./target/release/examples/match_bench "$url"
  done
done
