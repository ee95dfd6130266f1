#!/usr/bin/env bash
# Part of `make dist`, after `trunk build` and before postbuild: writes every
# published post, the home pages and the category pages into dist/ as HTML
# (src/prerender/, the app's own components rendered natively).
#
#   PRERENDER_API=https://cms.example.org/wp-json   read that WordPress
#                  (default: the dev API's demo content, started here)
#   SITE_URL=https://blog.example.org   origin for canonical and og:url
#                  (default: the WordPress site address; for the demo
#                  http://127.0.0.1:8081, where `target/release/devapi
#                  --static dist` serves the bundle with its API)
#   PRERENDER=0    skip: dist/ stays the client-rendered app
#
# An API that cannot be read leaves dist/ the client-rendered app, said
# plainly; the build goes on.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${PRERENDER:-1}" = 0 ]; then
  echo "prerender: skipped (PRERENDER=0): dist/ is the client-rendered app"
  exit 0
fi
# The `prerender` profile (Cargo.toml): optimised, no LTO; a debug build
# renders about 3.5x slower (BENCHMARKS.md, "Builds").
cargo build --quiet --profile prerender --no-default-features --features ssr --bin prerender
target=$(scripts/lib/target-dir.sh)

api="${PRERENDER_API:-}"
site_url="${SITE_URL:-}"
devapi_pid=""
cleanup() { [ -n "$devapi_pid" ] && kill "$devapi_pid" 2>/dev/null && wait "$devapi_pid" 2>/dev/null; true; }
trap cleanup EXIT
if [ -z "$api" ]; then
  cargo build --quiet -p devapi --release
  log=$(mktemp)
  # Links (images) name where `devapi --static dist` serves the bundle
  # and the API together by default, not this temporary port.
  "$target/release/devapi" --port 0 --public-origin http://127.0.0.1:8081 \
    ${DEVAPI_DATA:+--data "$DEVAPI_DATA"} >"$log" 2>&1 &
  devapi_pid=$!
  for _ in $(seq 100); do
    grep -q "listening on" "$log" && break
    sleep 0.1
  done
  base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1)
  [ -n "$base" ] || { echo "prerender: the dev API did not start: $(cat "$log")" >&2; exit 1; }
  api="$base/wp-json"
  site_url="${site_url:-http://127.0.0.1:8081}"
fi
"$target/prerender/prerender" --api "$api" --dist dist ${site_url:+--site-url "$site_url"}
