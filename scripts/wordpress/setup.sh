#!/usr/bin/env bash
# scripts/wordpress/setup.sh: a real WordPress (Debian 12's `wordpress`
# package, 6.1.x) on 127.0.0.1:$WP_PORT, for the contract tests.
#
#   WP_PORT=8891 WP_DIR=/tmp/blog-wp scripts/wordpress/setup.sh
#
# Idempotent (run it again and it only starts what is not running). Root only.
# What it does:
#   1. installs the Debian packages, only when one is missing (apt-get update
#      first; a temporary policy-rc.d keeps maintainer scripts from starting
#      apache2 or mariadb);
#   2. runs its own mariadbd with the datadir in $WP_DIR, --skip-networking
#      (a unix socket, no TCP port);
#   3. writes Debian's per-host config /etc/wordpress/config-127.0.0.1.php
#      (Debian's wp-config.php picks it from the Host header, port stripped),
#      with WP_CONTENT_DIR=$WP_DIR/wp-content, so plugins and uploads of this
#      site stay in $WP_DIR;
#   4. a mu-plugin: anonymous REST comments allowed (what the blog's README
#      asks site owners to add), and the comment flood check off unless a
#      request carries `X-Contract-Flood: on` (see tests/contract/README.md);
#      and the blog's rebuild hook (wordpress/rebuild-hook.php) as a site
#      owner installs it, off (no BLOG_REBUILD_HOOK_URL here): every contract
#      test runs with it present, tests/contract/rebuild-hook.test.mjs turns
#      it on for itself;
#   5. starts `php -S 127.0.0.1:$WP_PORT` as www-data with a router that
#      sends every path that is not a file to index.php (pretty permalinks);
#   6. wp_install() once, then the options the blog expects.
#
# Exit codes: 0 ready (prints the base URL on stdout), 3 cannot install the
# Debian packages here (not root, no apt-get, not Debian, apt failed), 1 other
# failure. scripts/wordpress/stop.sh stops what this started.
set -euo pipefail
set +m # background jobs are not group leaders: `setsid` execs in place and $! is the daemon

WP_PORT="${WP_PORT:-8891}"
WP_DIR="${WP_DIR:-/tmp/blog-wp}"
HOST=127.0.0.1
BASE="http://$HOST:$WP_PORT"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MARK="Written by the blog's scripts/wordpress/setup.sh"

CORE=/usr/share/wordpress
CONF=/etc/wordpress/config-$HOST.php
CONTENT="$WP_DIR/wp-content"
DB_DIR="$WP_DIR/db"
SOCK="$DB_DIR/mysqld.sock"
PACKAGES=(wordpress wordpress-theme-twentytwentythree mariadb-server mariadb-client
          php-cli php-mysql php-xml php-mbstring)

say() { printf '[wordpress/setup] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
skip() { say "skipping: cannot install Debian packages here: $*"; exit 3; }

[[ "$WP_PORT" =~ ^[0-9]+$ ]] || die "WP_PORT must be a number"
case "$WP_DIR" in /tmp/?*|/var/tmp/?*|/srv/?*) ;; *) die "WP_DIR must be a directory under /tmp, /var/tmp or /srv" ;; esac
T0=$SECONDS
# Root: apt-get, and mariadbd / php -S are started as mysql / www-data.
[ "$(id -u)" = 0 ] || skip "not root"

# ------------------------------------------------------------ 1. packages
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }
missing=()
if command -v dpkg-query >/dev/null; then
  for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
else
  missing=("${PACKAGES[@]}")
fi
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null || skip "no apt-get; missing: ${missing[*]}"
  say "installing: ${missing[*]}"
  added_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    added_policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\n# temporary: %s\nexit 101\n' "$MARK" > "$added_policy"
    chmod 755 "$added_policy"
    trap 'rm -f "$added_policy"' EXIT
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 || skip "apt-get update failed"
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 || skip "apt-get install failed"
  if [ -n "$added_policy" ]; then rm -f "$added_policy"; trap - EXIT; fi
else
  say "Debian packages already installed"
fi
say "WordPress $(php -r 'include "/usr/share/wordpress/wp-includes/version.php"; echo $wp_version;'), PHP $(php -r 'echo PHP_VERSION;'), $(mariadbd --version | sed 's/^.*Ver //')"

# pid_of FILE PATTERN: the PID in FILE if that process is alive and its
# command line contains PATTERN (a recycled PID is never trusted).
pid_of() {
  local pid
  [ -s "$1" ] || return 1
  pid=$(tr -dc 0-9 < "$1")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$2" || return 1
  echo "$pid"
}
port_busy() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
# alive PID: the process we just started in the background is still there.
# Not pid_of: until the forked shell has exec'd the daemon, its command line is
# this script's, and a pattern check right after `&` fails on a healthy start.
alive() { [ -d "/proc/$1" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }

# ------------------------------------------------------------- 2. MariaDB
mkdir -p "$WP_DIR" && chmod 755 "$WP_DIR"
mkdir -p "$DB_DIR"
chown mysql:www-data "$DB_DIR" && chmod 750 "$DB_DIR" # www-data reaches the socket
if [ ! -d "$DB_DIR/data/mysql" ]; then
  say "initialising MariaDB in $DB_DIR/data"
  install -d -o mysql -g mysql "$DB_DIR/data"
  mariadb-install-db --no-defaults --user=mysql --datadir="$DB_DIR/data" \
    --auth-root-authentication-method=socket --skip-test-db > "$DB_DIR/install.log" 2>&1 \
    || { cat "$DB_DIR/install.log" >&2; die "mariadb-install-db failed"; }
fi
if pid=$(pid_of "$WP_DIR/mariadbd.pid" "$DB_DIR/data"); then
  say "mariadbd already running (pid $pid)"
else
  rm -f "$SOCK"
  setsid mariadbd --no-defaults --user=mysql --datadir="$DB_DIR/data" --socket="$SOCK" \
    --skip-networking --pid-file="$DB_DIR/mariadbd.pid" --log-error="$DB_DIR/error.log" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size=32M < /dev/null >> "$DB_DIR/stdout.log" 2>&1 &
  started=$!
  echo "$started" > "$WP_DIR/mariadbd.pid"
  for _ in $(seq 1 120); do
    mariadb-admin --no-defaults --socket="$SOCK" -uroot ping >/dev/null 2>&1 && break
    alive "$started" || { tail -n 20 "$DB_DIR/error.log" >&2; die "mariadbd exited"; }
    sleep 0.5
  done
  mariadb-admin --no-defaults --socket="$SOCK" -uroot ping >/dev/null 2>&1 || die "mariadbd did not answer"
  say "mariadbd started (pid $(cat "$WP_DIR/mariadbd.pid"), socket only)"
fi

secret() { [ -s "$1" ] || (umask 077; head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c "$2" > "$1"); cat "$1"; }
DB_PASS=$(secret "$WP_DIR/db-password" 24)
mariadb --no-defaults --socket="$SOCK" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS blog_wp CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE USER IF NOT EXISTS 'blog_wp'@'localhost' IDENTIFIED BY '$DB_PASS';
ALTER USER 'blog_wp'@'localhost' IDENTIFIED BY '$DB_PASS';
GRANT ALL PRIVILEGES ON blog_wp.* TO 'blog_wp'@'localhost';
SQL

# ----------------------------------------------------- 3. WordPress config
# One config per host name: if someone else's config-127.0.0.1.php is there,
# keep it aside; stop.sh puts it back.
if [ -f "$CONF" ] && ! grep -qF "$MARK" "$CONF"; then
  say "keeping the existing $CONF aside as $WP_DIR/foreign-config.php (stop.sh restores it)"
  cp -p "$CONF" "$WP_DIR/foreign-config.php"
fi
salts=""
for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
  salts+="define( '$k', '$(secret "$WP_DIR/salt-$k" 64)' );"$'\n'
done
tmp=$(mktemp /etc/wordpress/.blog-config-XXXXXX)
cat > "$tmp" <<PHP
<?php
// $MARK (WP_DIR=$WP_DIR, WP_PORT=$WP_PORT).
define( 'DB_NAME', 'blog_wp' );
define( 'DB_USER', 'blog_wp' );
define( 'DB_PASSWORD', '$DB_PASS' );
define( 'DB_HOST', 'localhost:$SOCK' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
$salts\$table_prefix = 'wp_';
define( 'WP_HOME', '$BASE' );
define( 'WP_SITEURL', '$BASE' );
define( 'WP_CONTENT_DIR', '$CONTENT' );
define( 'WP_CONTENT_URL', '$BASE/wp-content' );
define( 'WP_DEBUG', false );
define( 'DISABLE_WP_CRON', true );          // no loop-back requests
define( 'WP_HTTP_BLOCK_EXTERNAL', true );   // offline: never call wordpress.org
define( 'AUTOMATIC_UPDATER_DISABLED', true );
PHP
chown root:www-data "$tmp" && chmod 640 "$tmp" && mv -f "$tmp" "$CONF"

# ------------------------------------------------ 4. wp-content + mu-plugin
mkdir -p "$CONTENT/mu-plugins" "$CONTENT/plugins" "$CONTENT/uploads"
[ -e "$CONTENT/themes" ] || ln -s /var/lib/wordpress/wp-content/themes "$CONTENT/themes"
chown www-data:www-data "$CONTENT/uploads"
cp "$HERE/mu-plugin.php" "$CONTENT/mu-plugins/blog-contract.php"
cp "$HERE/../../wordpress/rebuild-hook.php" "$CONTENT/mu-plugins/blog-rebuild-hook.php"
chmod 644 "$CONTENT/mu-plugins/blog-contract.php" "$CONTENT/mu-plugins/blog-rebuild-hook.php"

# --------------------------------------------------------- 5. php -S
cp "$HERE/router.php" "$WP_DIR/router.php" && chmod 644 "$WP_DIR/router.php"
pattern="-S $HOST:$WP_PORT"
if pid=$(pid_of "$WP_DIR/php.pid" "$pattern"); then
  say "php -S already running (pid $pid)"
else
  if pid=$(pid_of "$WP_DIR/php.pid" " -S $HOST:"); then
    say "stopping our php -S on another port (pid $pid)"; kill "$pid" || true; sleep 1
  fi
  port_busy "$WP_PORT" && die "$HOST:$WP_PORT is taken by a process this script did not start (set WP_PORT)"
  setsid setpriv --reuid=www-data --regid=www-data --init-groups -- \
    env BLOG_WP_CONTENT="$CONTENT" php -d display_errors=0 -d log_errors=1 -d html_errors=0 \
      -S "$HOST:$WP_PORT" -t "$CORE" "$WP_DIR/router.php" \
    < /dev/null >> "$WP_DIR/php.log" 2>&1 &
  started=$!
  echo "$started" > "$WP_DIR/php.pid"
  for _ in $(seq 1 50); do
    port_busy "$WP_PORT" && break
    alive "$started" || { tail -n 20 "$WP_DIR/php.log" >&2; die "php -S exited"; }
    sleep 0.2
  done
  port_busy "$WP_PORT" || die "php -S is not listening"
  say "php -S started (pid $(cat "$WP_DIR/php.pid"))"
fi

# ------------------------------------------------- 6. install + options
export WP_PORT WP_DIR WP_CLI_SITE="$HERE/cli-site.php"
ADMIN_PASS=$(secret "$WP_DIR/admin-password" 20) php -d display_errors=stderr <<'PHP'
<?php
require getenv( 'WP_CLI_SITE' );
define( 'WP_INSTALLING', true );
function wp_new_blog_notification( $title, $url, $user_id, $password ) {} // no mail here
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
$err = fopen( 'php://stderr', 'w' );
if ( is_blog_installed() ) { exit( 0 ); }
$r = wp_install( 'Therapy Notes', 'admin', 'admin@example.com', true, '', wp_slash( getenv( 'ADMIN_PASS' ) ) );
if ( empty( $r['user_id'] ) ) { fwrite( $err, "wp_install failed\n" ); exit( 1 ); }
fwrite( $err, "[wordpress/setup] WordPress installed\n" );
PHP
php -d display_errors=stderr <<'PHP'
<?php
require getenv( 'WP_CLI_SITE' );
require '/usr/share/wordpress/wp-load.php';
foreach ( array(
	'permalink_structure'          => '/%postname%/',
	'thread_comments'              => 1,
	'thread_comments_depth'        => 5,
	'require_name_email'           => 1,
	'comment_moderation'           => 0,
	'comment_previously_approved'  => 1, // first-time commenters are held
	'default_comment_status'       => 'open',
	'close_comments_for_old_posts' => 0, // the demo posts are from 2023
	'comment_registration'         => 0,
	'comment_max_links'            => 2,
	'posts_per_page'               => 10,
	'timezone_string'              => '',
	'gmt_offset'                   => 0,
) as $k => $v ) {
	update_option( $k, $v );
}
global $wp_rewrite;
$wp_rewrite->set_permalink_structure( '/%postname%/' );
flush_rewrite_rules( false );
PHP

status=$(php -r '$c = stream_context_create(array("http" => array("ignore_errors" => true, "timeout" => 30)));
  @file_get_contents($argv[1], false, $c); echo isset($http_response_header[0]) ? explode(" ", $http_response_header[0])[1] : "no answer";' "$BASE/wp-json/")
[ "$status" = 200 ] || { tail -n 20 "$WP_DIR/php.log" >&2; die "GET $BASE/wp-json/ answered $status"; }
say "ready in $((SECONDS - T0)) s: $BASE (stop with scripts/wordpress/stop.sh)"
echo "$BASE"
