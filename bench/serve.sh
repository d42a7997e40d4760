# Sourced by the benchmarks: seeds target/bench-data/techx.db (scale 1) on first use, starts the
# release server on $port with BENCH_SERVE_ARGS and waits until it answers; stops it on exit.
data=target/bench-data
if [[ ! -f "$data/techx.db" ]]; then
  mkdir -p "$data"
  ./target/release/techx seed --data-dir "$data"
fi
RUST_LOG=warn ./target/release/techx serve --data-dir "$data" --bind "127.0.0.1:$port" --site-root target/site --searches-per-ip 0 ${BENCH_SERVE_ARGS:-} &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
