# techx — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test build tools fmt lint bench bench-search bench-news bench-auctions bench-resets bench-statistics clean

## Build in release mode and serve http://127.0.0.1:3000 on ./data/techx.db, with demo data.
run: build
	TECHX_DEMO_DATA=true ./target/release/techx serve

## Every test: unit, integration on SQLite and PostgreSQL, browser end to end.
test:
	scripts/test.sh

## Release build of the server and the wasm bundle (hashed, precompressed assets).
build: tools
	cargo leptos build --release --precompress --split

tools:
	scripts/ensure-tools.sh

fmt:
	cargo fmt --all

## Clippy per package with its own features (never unify ssr and hydrate).
lint:
	cargo fmt --all --check
	cargo clippy --release -p app --features ssr --all-targets -- -D warnings
	cargo clippy --release -p server --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown --profile wasm-release -- -D warnings

## Benchmarks: figures printed, recorded in docs/PERFORMANCE.md (Lighthouse on five pages too).
bench: build
	scripts/ensure-tools.sh --bench
	bench/run.sh
	bench/lighthouse.sh

# Search latency at scale 1 and 10 on SQLite and PostgreSQL (seeds its own databases once).
bench-search: build
	scripts/ensure-tools.sh --bench
	bench/search.sh

## Bogus password resets from many addresses at once, while /healthz is measured.
bench-resets: build
	scripts/ensure-tools.sh --bench
	bench/resets.sh

bench-auctions: build
	bench/auctions.sh

# News: seeding 90,000 articles, /news pages and article pages on SQLite and PostgreSQL.
bench-news: build
	scripts/ensure-tools.sh --bench
	bench/news.sh

# /statistics at scale 10 on SQLite and PostgreSQL.
bench-statistics: build
	scripts/ensure-tools.sh --bench
	bench/statistics.sh

clean:
	cargo clean
