#!/usr/bin/env bash
# Starts the release build on a fresh seeded SQLite database for the browser tests. Every browser
# comes from 127.0.0.1, so more registrations per address are allowed than the default.
set -euo pipefail
cd "$(dirname "$0")/.."
data=target/e2e-data
rm -rf "$data"
mkdir -p "$data"
./target/release/techx seed --data-dir "$data" >/dev/null
RUST_LOG=${RUST_LOG:-warn} exec ./target/release/techx serve --data-dir "$data" --bind "127.0.0.1:${E2E_PORT:-3100}" \
  --site-root target/site --home-cache-ms 0 --registrations-per-ip 100
