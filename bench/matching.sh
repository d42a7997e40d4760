#!/usr/bin/env bash
# Supply–demand benchmarks; prints figures, asserts nothing. Record results in docs/PERFORMANCE.md.
#
# For each engine (SQLite, PostgreSQL) and scale (SCALES, default 10 = 128k listings), uses the
# database bench/search.sh seeds (seeding it when missing) and runs server/examples/match_bench.rs:
# the matches of 500 listings spread over the catalogue, then 500 searches computed without the
# cache over what buyers type (typos, partial matches, synonyms among them).
# Needs PostgreSQL on 127.0.0.1:5432 (TEST_POSTGRES_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
scales=${SCALES:-10}
engines=${ENGINES:-sqlite postgres}
pg_admin=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
pg_base=${pg_admin%/*}

cargo build --release --bin techx --example match_bench -p server --features app/ssr

for engine in $engines; do
  for scale in $scales; do
    case $engine in
      sqlite)
        dir=target/bench-search-s$scale
        url="sqlite://$dir/techx.db"
        if [[ ! -f $dir/techx.db ]]; then
          mkdir -p "$dir"
          echo "seeding SQLite at scale $scale …"
          ./target/release/techx --database-url "$url" seed --scale "$scale" >/dev/null
        fi
        ;;
      postgres)
        db=techx_bench_s$scale
        url="$pg_base/$db"
        if ! psql "$pg_admin" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
          psql "$pg_admin" -qc "CREATE DATABASE $db"
          echo "seeding PostgreSQL at scale $scale …"
          ./target/release/techx --database-url "$url" seed --scale "$scale" >/dev/null
          psql "$url" -qc "VACUUM ANALYZE"
        fi
        ;;
    esac
    # Bring the schema up to date (a database seeded by an earlier version).
    ./target/release/techx --database-url "$url" migrate >/dev/null
    echo
    echo "## $engine, scale $scale"
    ./target/release/examples/match_bench "$url"
  done
done
