#!/usr/bin/env bash
# scripts/wordpress/permalinks.sh STRUCTURE: sets the running contract site's
# permalink structure (Settings → Permalinks), e.g.
# '/%year%/%monthnum%/%day%/%postname%/', and rebuilds its rewrite rules;
# prints the structure now in force. setup.sh sets '/%postname%/', which
# tests/contract/permalinks.test.mjs puts back when it is done.
set -euo pipefail
WP_PORT="${WP_PORT:-8891}"
WP_DIR="${WP_DIR:-/tmp/blog-wp}"
[ $# = 1 ] || { echo "usage: scripts/wordpress/permalinks.sh STRUCTURE" >&2; exit 2; }
[ -S "$WP_DIR/db/mysqld.sock" ] || { echo "[wordpress/permalinks] WordPress is not running for WP_DIR=$WP_DIR: run scripts/wordpress/setup.sh first" >&2; exit 1; }
export WP_PORT STRUCTURE="$1" WP_CLI_SITE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/cli-site.php"
php -d display_errors=stderr <<'PHP'
<?php
require getenv( 'WP_CLI_SITE' );
require '/usr/share/wordpress/wp-load.php';
global $wp_rewrite;
$wp_rewrite->set_permalink_structure( getenv( 'STRUCTURE' ) );
flush_rewrite_rules( false );
echo get_option( 'permalink_structure' ), "\n";
PHP
