#!/usr/bin/env bash
# `make dev`: the dev API on $1 (default 8081) and `trunk serve` on 8080,
# which proxies /wp-json to it. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8081}

"$(scripts/lib/target-dir.sh)/debug/devapi" --port "$port" &
api=$!
trap 'kill $api 2>/dev/null; wait $api 2>/dev/null' EXIT INT TERM
echo "dev: the blog at http://127.0.0.1:8080 (dev API on http://127.0.0.1:$port/wp-json)"
trunk serve
