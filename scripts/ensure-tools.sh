#!/usr/bin/env bash
# Installs what building and testing techx needs, skipping whatever is already present at the
# right version. Works offline from the package registries only (crates.io, npm, PyPI, Debian).
#
#   scripts/ensure-tools.sh          build tools (wasm target, cargo-leptos, wasm-bindgen, wasm-opt)
#   scripts/ensure-tools.sh --test   also Chromium, the end-to-end test packages and an S3 emulator
#   scripts/ensure-tools.sh --bench  also wrk and Lighthouse
#
# The npm and PyPI pieces live in one directory per machine, $TECHX_TOOLS (default
# ~/.cache/techx/tools), that `.tools` links to, so every clone of the project (CI builds in a fresh
# one) finds them installed; the end-to-end packages likewise, per version of their lock file.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.11
BINARYEN_VERSION=132.0.0
MOTO_VERSION=5.2.5
# The newest Lighthouse that runs on the machine's Node.js 20 (13 needs Node.js 22).
LIGHTHOUSE_VERSION=12.8.2
# The wasm-bindgen CLI must match the library version locked in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)

want_test=false; want_bench=false
for arg in "$@"; do
  case "$arg" in
    --test) want_test=true ;;
    --bench) want_bench=true ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(cargo leptos --version 2>/dev/null || true)" != *"$CARGO_LEPTOS_VERSION"* ]]; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 15 minutes on 2 cores)"
  # --locked with --ignore-rust-version: the lock's newest crates declare a newer rustc than
  # they need; no_downloads: use the tools on PATH instead of fetching release binaries.
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --ignore-rust-version --features no_downloads
fi

if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: that lock names a crate version the registry index lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

tools=${TECHX_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/techx/tools}
mkdir -p "$tools"
# An older clone's own .tools directory is left as it is.
if [[ -L .tools || ! -e .tools ]]; then
  ln -sfn "$tools" .tools
fi
if [[ "$(.tools/node_modules/.bin/wasm-opt --version 2>/dev/null || true)" != *"version ${BINARYEN_VERSION%%.*}"* ]]; then
  say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION; Debian's is too old for current rustc)"
  npm install --prefix .tools --no-save --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null
fi

if $want_test || $want_bench; then
  missing=()
  { $want_test || $want_bench; } && ! command -v chromium >/dev/null && missing+=(chromium)
  $want_bench && ! command -v wrk >/dev/null && missing+=(wrk)
  if ((${#missing[@]})); then
    say "installing ${missing[*]} from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

if $want_bench; then
  installed=$(node -p 'try { require("./.tools/lighthouse/node_modules/lighthouse/package.json").version } catch { "" }')
  if [[ "$installed" != "$LIGHTHOUSE_VERSION" ]]; then
    say "installing Lighthouse $LIGHTHOUSE_VERSION (npm; it drives Debian's Chromium)"
    mkdir -p .tools/lighthouse
    npm install --prefix .tools/lighthouse --no-save --no-audit --no-fund "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
  fi
fi

if $want_test; then
  lock=$(sha256sum end2end/package-lock.json | cut -c1-16)
  packages=.tools/end2end-$lock
  if [[ ! -e "$packages/node_modules/@playwright/test/package.json" ]]; then
    say "installing the end-to-end test packages (no browser download: Debian's Chromium is used)"
    rm -rf "$packages" && mkdir -p "$packages"
    cp end2end/package.json end2end/package-lock.json "$packages/"
    (cd "$packages" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >/dev/null)
  fi
  if [[ -L end2end/node_modules || ! -e end2end/node_modules ]]; then
    ln -sfn "$(readlink -f "$packages")/node_modules" end2end/node_modules
  fi
  # An S3 emulator for the object-store tests, in a virtual environment of the tools directory.
  # Its scripts name their interpreter by the path the environment was made at: made through a
  # clone's `.tools` link, they die with that clone. So it is made at the real path, and made
  # again if an older one's scripts point at a path that is gone.
  venv="$(readlink -f .tools)/venv"
  moto_installed=$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("moto"))' 2>/dev/null || true)
  interpreter=$(head -n 1 "$venv/bin/moto_server" 2>/dev/null | cut -c 3- || true)
  if [[ "$moto_installed" != "$MOTO_VERSION" || ! -x "$interpreter" ]]; then
    say "installing moto $MOTO_VERSION (S3 emulator for the object-store tests) from PyPI"
    [[ -x "$interpreter" ]] || rm -rf "$venv"
    [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
  fi
fi
