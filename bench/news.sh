#!/usr/bin/env bash
# News benchmarks on SQLite and PostgreSQL; prints figures, asserts nothing. Record results in
# docs/PERFORMANCE.md.
#   1. seeding the demo's 90,000 articles: the demo without articles first, then a second seed
#      that adds only the articles (everything else is already there), timed
#   2. /news page 1, /news?page=3000 and 1,000 different article pages (wrk -t2 -c32)
#   3. article search: a rotation of 16 queries (with and without diacritics, some in a
#      category) against the search function (/api/get_news?q=…, JSON) at 32 connections and at
#      one, and the server's memory once it holds the articles' words
# Needs a release build (`make build`) and wrk (`scripts/ensure-tools.sh --bench`).
# BENCH_ENGINES picks the engines (default: "sqlite postgres"); BENCH_REMAKE=1 seeds afresh.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-3210}
duration=${BENCH_DURATION:-10s}
pg_admin=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}
bin=./target/release/techx

rotation() { # rotation PATH... → a wrk script asking for each path in turn
  local script
  script=$(mktemp --suffix .lua)
  {
    printf 'local paths = {'
    printf '"%s",' "$@"
    printf '}\n'
    cat <<'LUA'
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
  } >"$script"
  echo "$script"
}

for engine in ${BENCH_ENGINES:-sqlite postgres}; do
  data=target/bench-news-$engine
  case $engine in
    sqlite) url="sqlite://$PWD/$data/techx.db" ;;
    postgres) url="${pg_admin%/*}/techx_bench_news" ;;
  esac
  if [[ ${BENCH_REMAKE:-} == 1 || ! -f $data/seeded ]]; then
    rm -rf "$data" && mkdir -p "$data"
    [[ $engine == postgres ]] && psql -q "$pg_admin" -c "DROP DATABASE IF EXISTS techx_bench_news WITH (FORCE)" -c "CREATE DATABASE techx_bench_news"
    "$bin" --database-url "$url" --data-dir "$data" seed --articles 0 >/dev/null
    start=$(date +%s.%N)
    "$bin" --database-url "$url" --data-dir "$data" seed >/dev/null
    end=$(date +%s.%N)
    echo "## $engine: seeding 90,000 articles: $(echo "$end - $start" | bc) s"
    [[ $engine == postgres ]] && psql -q "$url" -c "VACUUM ANALYZE"
    touch "$data/seeded"
  fi
  RUST_LOG=warn "$bin" serve --database-url "$url" --data-dir "$data" --bind "127.0.0.1:$port" \
    --site-root target/site --searches-per-ip 0 ${BENCH_SERVE_ARGS:-} &
  server=$!
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
  for _ in $(seq 300); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  for path in /news "/news?page=3000"; do
    echo "## $engine: $path (wrk -t2 -c32 -d$duration)"
    wrk -t2 -c32 -d"$duration" --latency "http://127.0.0.1:$port$path" | grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors' || true
  done
  # 1,000 different articles, newest first.
  mapfile -t articles < <(curl -fs "http://127.0.0.1:$port/sitemaps/news-2.xml" \
    | grep -o '/news/[a-z0-9-]*' | awk 'NR <= 1000')
  script=$(rotation "${articles[@]}")
  echo "## $engine: article pages /news/{slug}, 1,000 different (wrk -t2 -c32 -d$duration)"
  wrk -t2 -c32 -d"$duration" --latency -s "$script" "http://127.0.0.1:$port" | grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors' || true
  rm -f "$script"
  # Article search.
  queries=(
    "q=may+say+lua" "q=kh%E1%BB%9Fi+nghi%E1%BB%87p" "q=chuyen+giao+cong+nghe" "q=drone"
    "q=c%C3%B4ng+ngh%E1%BB%87+sinh+h%E1%BB%8Dc" "q=nang+luong+mat+troi" "q=thuy+san&category=thi-truong"
    "q=hop+tac+xa" "q=%C4%91%E1%BB%95i+m%E1%BB%9Bi+s%C3%A1ng+t%E1%BA%A1o" "q=chinh+sach+ho+tro&category=chinh-sach"
    "q=tom" "q=xu+ly+nuoc+thai" "q=cam+bien" "q=giong+lua" "q=techmart" "q=ca+tra"
  )
  script=$(rotation "${queries[@]/#//api/get_news?}")
  for c in 32 1; do
    echo "## $engine: article search, 16 queries (wrk -t$((c < 2 ? 1 : 2)) -c$c -d$duration)"
    wrk -t$((c < 2 ? 1 : 2)) -c$c -d"$duration" --latency -s "$script" "http://127.0.0.1:$port" | grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors' || true
  done
  rm -f "$script"
  echo "## $engine: server memory holding the catalogue and the articles: $(( $(ps -o rss= -p $server) / 1024 )) MiB"
  kill $server 2>/dev/null; wait $server 2>/dev/null || true
  trap - EXIT
done
