#!/usr/bin/env bash
# Search benchmarks; prints figures, asserts nothing. Record results in docs/PERFORMANCE.md.
#
# For each engine (SQLite, PostgreSQL) and scale (1 and 10 by default; SCALES="1 10"), seeds a
# database once (kept under target/ or as a PostgreSQL database techx_bench_s<scale>), starts the
# release server on it, and runs wrk over a rotation of realistic queries — typed with and without
# Vietnamese diacritics, one to four words, some with filters — against the search function
# (/api/browse_listings, JSON) at 32 connections. Then the suggestions function.
#
# Each engine and scale is run twice: with the server's search cache (repeated searches are served
# from their remembered ranking until the catalogue changes) and without it (--search-cache-entries
# 0: every search computed, the worst case). With the cache, each popular query is asked once
# before measuring (the steady state of a site in use). A last run sends 2,000 two-word queries
# taken from the catalogue's own titles: with the cache, each is computed the first time it comes
# round and remembered after (the demo titles hold only ~500 distinct pairs of neighbouring words,
# which the cache holds all of); without it, every one is computed (first-time searches).
# Needs a release build (`make build`), wrk, and PostgreSQL on 127.0.0.1:5432 (TEST_POSTGRES_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-3201}
duration=${BENCH_DURATION:-10s}
scales=${SCALES:-1 10}
engines=${ENGINES:-sqlite postgres}
pg_admin=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
pg_base=${pg_admin%/*}

# Queries people type: with and without diacritics, short and long, some narrowed by filters.
queries=(
  "q=may+say+lua" "q=m%C3%A1y+k%C3%A9o" "q=thuy+san" "q=dien+mat+troi" "q=phan+bon+huu+co"
  "q=tom" "q=ca+tra&kind=offer" "q=bom+nuoc&sort=price_asc" "q=may" "q=xu+ly+nuoc+thai"
  "q=c%C3%B4ng+ngh%E1%BB%87+sinh+h%E1%BB%8Dc" "q=lua+gao&province=can-tho" "q=may+cay&price_max=500000000"
  "q=he+thong+tuoi&listing_type=equipment" "q=cam+bien" "q=gia+cong+co+khi&seller=stall"
)
# A last word of two letters or more (one letter is not looked up).
suggestions=("q=may+sa" "q=thuy+sa" "q=dien+ma" "q=phan+bo" "q=ca+tr" "q=bom+nu" "q=xu+ly" "q=lua+ga")

lua_rotation() { # lua_rotation PREFIX PATH... → a wrk script file
  local prefix=$1; shift
  local script list=""
  script=$(mktemp --suffix .lua)
  for p; do
    # browse_listings takes its query as a struct: q=… becomes query[q]=…
    if [[ $prefix == /api/browse_listings ]]; then
      p=$(sed -E 's/(^|&)([a-z_]+)=/\1query%5B\2%5D=/g' <<<"$p")
    fi
    list+="\"$prefix?$p\","
  done
  cat >"$script" <<LUA
local paths = { ${list%,} }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
  echo "$script"
}

run_wrk() { # run_wrk TITLE SCRIPT
  echo
  echo "### $1 (wrk -t2 -c32 -d$duration --latency)"
  wrk -t2 -c32 -d"$duration" --latency -s "$2" "http://127.0.0.1:$port" \
    | grep -E 'Requests/sec|50%|90%|99%|Non-2xx|Socket errors' || true
}

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
    case $engine in
      sqlite)
        titles() { python3 -c 'import sqlite3,sys; [print(t) for (t,) in sqlite3.connect(sys.argv[1]).execute("SELECT fold_title FROM listings WHERE status = '"'published'"' ORDER BY id")]' "$dir/techx.db"; }
        ;;
      postgres) titles() { psql "$url" -tAc "SELECT fold_title FROM listings WHERE status = 'published' ORDER BY id"; } ;;
    esac
    # The long tail: two neighbouring words of 2,000 titles picked at random (the same on both
    # engines for the same data), each query sent as typed, without diacritics.
    mapfile -t tail_queries < <(titles | python3 -c '
import random, sys
titles = [line.split() for line in sys.stdin if len(line.split()) >= 2]
rng = random.Random(7)
for words in rng.sample(titles, min(2000, len(titles))):
    i = rng.randrange(len(words) - 1)
    print("q=" + words[i] + "+" + words[i + 1])')
    distinct=$(printf '%s\n' "${tail_queries[@]}" | sort -u | wc -l)
    listings=$(titles | wc -l)
    for cache in on off; do
      entries=$([[ $cache == on ]] && echo 1024 || echo 0)
      RUST_LOG=warn,sqlx=error ./target/release/techx --database-url "$url" serve --bind "127.0.0.1:$port" \
        --site-root target/site --search-cache-entries "$entries" --searches-per-ip 0 &
      server=$!
      trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
      for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
      echo
      echo "## $engine, scale $scale ($listings published listings), search cache $cache"
      if [[ $cache == on ]]; then
        # Steady state: each popular query and prefix asked once before measuring, as the site
        # would have been asked them by earlier visitors.
        for q in "${queries[@]}"; do curl -fs -o /dev/null "http://127.0.0.1:$port/search?$q"; done
        for q in "${suggestions[@]}"; do curl -fs -o /dev/null "http://127.0.0.1:$port/api/suggest_listings?$q"; done
      fi
      search_script=$(lua_rotation /api/browse_listings "${queries[@]}")
      run_wrk "search: ${#queries[@]} queries in rotation" "$search_script"
      suggest_script=$(lua_rotation /api/suggest_listings "${suggestions[@]}")
      run_wrk "suggestions: ${#suggestions[@]} prefixes in rotation" "$suggest_script"
      page_script=$(lua_rotation /search "${queries[@]}")
      run_wrk "search page (server-rendered HTML)" "$page_script"
      rm -f "$search_script" "$suggest_script" "$page_script"
      tail_script=$(lua_rotation /api/browse_listings "${tail_queries[@]}")
      run_wrk "search: ${#tail_queries[@]} two-word queries from titles, $distinct distinct (long tail)" "$tail_script"
      rm -f "$tail_script"
      kill $server; wait $server 2>/dev/null || true
      trap - EXIT
    done
  done
done
