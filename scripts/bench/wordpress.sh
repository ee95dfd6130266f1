#!/usr/bin/env bash
# scripts/bench/wordpress.sh [N]: the build figures against a real WordPress
# 6.1 (the contract test's, from Debian's packages, on 127.0.0.1) seeded
# with N generated posts (default 3,000; scripts/bench/fixtures.mjs
# postsData, inserted by scripts/wordpress/seed.sh): a full build, a rebuild
# after one post is edited in WordPress, and a rebuild with nothing changed.
# Prints one JSON line per build. A few minutes; stops WordPress at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
N="${1:-3000}"
export WP_PORT="${WP_PORT:-8893}" WP_DIR="${WP_DIR:-/tmp/blog-wp-bench}"
tmp=$(mktemp -d)
trap 'scripts/wordpress/stop.sh >/dev/null 2>&1; rm -rf "$tmp"' EXIT
scripts/wordpress/setup.sh >/dev/null
ln -s "$PWD/devapi/data/uploads" "$tmp/uploads"
node --input-type=module -e '
  const { postsData } = await import(process.cwd() + "/scripts/bench/fixtures.mjs");
  postsData({ sitePath: "devapi/data/site.json", outPath: process.argv[1], count: Number(process.argv[2]) });
' "$tmp/site.json" "$N"
t0=$SECONDS
SITE_JSON="$tmp/site.json" scripts/wordpress/seed.sh >/dev/null
echo "{\"seeded\": $N, \"seconds\": $((SECONDS - t0))}"
node scripts/bench/wordpress-builds.mjs "http://127.0.0.1:$WP_PORT/wp-json" "$tmp"
