#!/usr/bin/env bash
# Made-up password reset links at once, as a botnet would send them (issue 24, item 1): 300
# connections posting bogus reset links for 20 s, each request from another client address (the
# server trusts the benchmark as its reverse proxy, so X-Forwarded-For spreads the requests over
# 2^24 addresses and the per-client limit cannot help), while one client measures /healthz.
# Target: /healthz p99 under 50 ms. Before the fix (hashing first): 20–218 ms and 837 MB resident.
# Prints figures, asserts nothing. Needs a release build (`make build`) and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-3206}
duration=${BENCH_DURATION:-20s}
BENCH_SERVE_ARGS="--trusted-proxies 127.0.0.1/32 ${BENCH_SERVE_ARGS:-}"
source bench/serve.sh

script=$(mktemp --suffix .lua)
trap 'rm -f "$script"; kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
cat >"$script" <<'LUA'
local n = 0
request = function()
  n = n + 1
  local token = string.format("%016x%016x%016x%016x", math.random(0, 2^31), n, math.random(0, 2^31), n * 7)
  local client = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format("POST", "/api/reset_password", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = client,
  }, "token=" .. token .. "&password=mat-khau-moi-du-dai-" .. n)
end
LUA

rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$server/status"; }
echo "## /healthz alone (wrk -t1 -c1 -d5s --latency)"
wrk -t1 -c1 -d5s --latency "http://127.0.0.1:$port/healthz" | grep -E 'Requests/sec|50%|99%' || true
echo "resident before: $(rss)"

echo
echo "## 300 connections of bogus resets (wrk -t2 -c300 -d$duration) while /healthz is measured"
wrk -t2 -c300 -d"$duration" --latency -s "$script" "http://127.0.0.1:$port" >"$script.resets" &
attack=$!
sleep 2
wrk -t1 -c1 -d"$(( ${duration%s} - 4 ))s" --latency "http://127.0.0.1:$port/healthz" | grep -E 'Requests/sec|50%|75%|90%|99%' || true
wait $attack
echo "bogus resets:"
grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors|requests in' "$script.resets" || true
echo "resident after: $(rss)"
rm -f "$script.resets"
