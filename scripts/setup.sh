#!/usr/bin/env bash
# Installs what the project needs, pinned, skipping what is already there.
#   scripts/setup.sh build   # Rust target, trunk, wasm-bindgen-cli, wasm-opt
#   scripts/setup.sh test    # build + Chromium, chromedriver, e2e npm packages
#   scripts/setup.sh bench   # test + Lighthouse (scripts/bench/package.json)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"

setup_build() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    # trunk 0.22 needs a newer rustc than these machines have.
    say "installing trunk $TRUNK_VERSION (about 12 minutes on 2 cores, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
    # Not --locked: its lock file names a webpki-roots release the registry
    # here does not serve, so the lock cannot be honoured (see DEVELOPERS.md).
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi
  if ! wasm-opt --version 2>/dev/null | grep -q "version_${BINARYEN_VERSION%%.*}"; then
    # Debian's binaryen 108 produced WASM that failed at run time: use npm's.
    say "installing wasm-opt (npm binaryen $BINARYEN_VERSION) into .tools/"
    mkdir -p .tools
    npm install --prefix .tools --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
  fi
}

setup_test() {
  setup_build
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  if [ ! -d tests/e2e/node_modules/playwright-core ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
    say "installing the end-to-end test packages (npm ci)"
    (cd tests/e2e && npm ci --no-audit --no-fund --silent)
  fi
}

setup_bench() {
  setup_test
  if [ ! -d scripts/bench/node_modules/lighthouse ] || [ scripts/bench/package-lock.json -nt scripts/bench/node_modules/.package-lock.json ]; then
    say "installing the bench's packages (npm ci: Lighthouse)"
    (cd scripts/bench && npm ci --no-audit --no-fund --silent)
  fi
}

case "${1:-build}" in
  build) setup_build ;;
  test) setup_test ;;
  bench) setup_bench ;;
  *) echo "usage: $0 build|test|bench" >&2; exit 2 ;;
esac
