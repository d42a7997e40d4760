#!/usr/bin/env bash
# Serves the build under test on a fresh seeded database for one browser-test project:
#   serve-for-tests.sh NAME PORT sqlite|postgres
# SQLite lives in target/e2e-data/NAME; PostgreSQL in the database techx_e2e_NAME on
# $TEST_POSTGRES_URL's server, dropped again when the server stops. Every browser comes from
# 127.0.0.1, so more registrations per address are allowed than the default. Push subscriptions
# may name the push service push.spec.ts runs on PORT + 100.
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1 port=$2 engine=$3
bin=${TECHX_BIN:-target/release/techx}
admin=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
data=target/e2e-data/$name
rm -rf "$data"
mkdir -p "$data"
case $engine in
  sqlite) url="sqlite://$PWD/$data/techx.db" ;;
  postgres)
    db="techx_e2e_${name//-/_}"
    url="${admin%/*}/$db"
    psql -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
    trap 'psql -q "$admin" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
    ;;
esac
echo "$url" >"$data/database-url"
# Fewer articles than the demo's 90,000: enough for every category's pages, seeded in seconds.
"$bin" seed --database-url "$url" --data-dir "$data" --articles 3000 >/dev/null
RUST_LOG=${RUST_LOG:-warn} "$bin" serve --database-url "$url" --data-dir "$data" --bind "127.0.0.1:$port" \
  --site-root target/site --home-cache-ms 0 --registrations-per-ip 100 --searches-per-ip 2000 \
  --push-test-hosts "127.0.0.1:$((port + 100))" &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server; psql -q "$admin" -c "DROP DATABASE IF EXISTS ${db:-none} WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
trap 'exit 0' TERM INT
wait $server
