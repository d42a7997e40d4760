#!/usr/bin/env bash
# Prints the URL of the benchmark database for ENGINE (sqlite or postgres) at SCALE, seeding it
# first when missing and bringing its schema up to date. Shared by the benchmarks that read a
# seeded catalogue (search, matching, alerts). Progress goes to stderr.
#
#   bench/bench-db.sh ENGINE SCALE
set -euo pipefail
cd "$(dirname "$0")/.."
engine=$1
scale=$2
pg_admin=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
pg_base=${pg_admin%/*}
case $engine in
  sqlite)
    dir=target/bench-search-s$scale
    url="sqlite://$dir/techx.db"
    if [[ ! -f $dir/techx.db ]]; then
      mkdir -p "$dir"
      echo "seeding SQLite at scale $scale …" >&2
      ./target/release/techx --database-url "$url" seed --scale "$scale" >/dev/null
    fi
    ;;
  postgres)
    db=techx_bench_s$scale
    url="$pg_base/$db"
    if ! psql "$pg_admin" -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
      psql "$pg_admin" -qc "CREATE DATABASE $db"
      echo "seeding PostgreSQL at scale $scale …" >&2
      ./target/release/techx --database-url "$url" seed --scale "$scale" >/dev/null
      psql "$url" -qc "VACUUM ANALYZE"
    fi
    ;;
  *)
    echo "unknown engine $engine" >&2
    exit 2
    ;;
esac
./target/release/techx --database-url "$url" migrate >/dev/null
echo "$url"
