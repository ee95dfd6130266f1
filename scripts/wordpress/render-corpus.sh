#!/usr/bin/env bash
# scripts/wordpress/render-corpus.sh: the block-editor / classic-editor corpus
# of devapi/data/site.json rendered by a real WordPress 6.1. For every post
# that has `blocks` (its raw post_content), writes WordPress's own
# `content.rendered` (and `excerpt.rendered`) as the post's `content` (and
# `excerpt`), so the dev API serves exactly what WordPress does: srcset from
# the attachment metadata, server-rendered blocks (latest posts), shortcodes,
# wpautop, embeds (offline stand-ins from mu-plugin.php), wp-container-N
# classes as WordPress numbered them in that request.
#
#   scripts/wordpress/render-corpus.sh     # then: git diff devapi/data/site.json
#
# Its own WordPress on 127.0.0.1:8893 with its data in /tmp/blog-wp-corpus
# (WP_PORT / WP_DIR to move it), so it never touches the contract tests' site;
# but Debian's WordPress has one config file for every site on 127.0.0.1, so
# do not run it while the contract tests run. Started with setup.sh, seeded
# with seed.sh, rendered through the REST API by render-corpus.mjs, and
# always stopped again (stop.sh; the data stays, so the next run starts in
# seconds). Root only, like setup.sh. Exit codes: 0 done, 3 WordPress cannot
# be installed here (see setup.sh), 1 other failure.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export WP_PORT="${WP_PORT:-8893}" WP_DIR="${WP_DIR:-/tmp/blog-wp-corpus}"
export WP_URL="http://127.0.0.1:$WP_PORT"
T0=$SECONDS

trap 'scripts/wordpress/stop.sh' EXIT
rc=0
scripts/wordpress/setup.sh > /dev/null || rc=$?
[ "$rc" = 0 ] || { echo "[render-corpus] setup.sh exited $rc" >&2; exit "$rc"; }
scripts/wordpress/seed.sh > /dev/null
node scripts/wordpress/render-corpus.mjs
echo "[render-corpus] done in $((SECONDS - T0)) s" >&2
