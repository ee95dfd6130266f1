#!/usr/bin/env bash
# scripts/wordpress/stop.sh: stops exactly what setup.sh started (the PIDs in
# $WP_DIR/php.pid and $WP_DIR/mariadbd.pid, each only while its command line
# still matches), never anything by name. The data stays in $WP_DIR, so
# setup.sh starts it again in seconds. WP_PURGE=1 also deletes $WP_DIR and the
# config file setup.sh wrote (restoring one it had kept aside).
set -euo pipefail
WP_DIR="${WP_DIR:-/tmp/blog-wp}"
MARK="Written by the blog's scripts/wordpress/setup.sh"
CONF=/etc/wordpress/config-127.0.0.1.php
say() { printf '[wordpress/stop] %s\n' "$*" >&2; }

gone() { [ ! -d "/proc/$1" ] || [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]; }
stop() { # stop PIDFILE PATTERN NAME
  local pid
  [ -s "$1" ] || { say "$3: not running"; return 0; }
  pid=$(tr -dc 0-9 < "$1")
  if [ -z "$pid" ] || gone "$pid" || ! tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$2"; then
    say "$3: not running"; rm -f "$1"; return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do gone "$pid" && break; sleep 0.2; done
  if ! gone "$pid"; then say "$3: SIGKILL to pid $pid"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$1"
  say "$3: stopped (pid $pid)"
}
stop "$WP_DIR/php.pid" " -S 127.0.0.1:" "php -S"
stop "$WP_DIR/mariadbd.pid" "$WP_DIR/db/data" "mariadbd"

if [ "${WP_PURGE:-0}" = 1 ]; then
  case "$WP_DIR" in /tmp/?*|/var/tmp/?*|/srv/?*) ;; *) say "refusing to delete $WP_DIR"; exit 1 ;; esac
  if [ -f "$CONF" ] && grep -qF "$MARK" "$CONF"; then
    if [ -f "$WP_DIR/foreign-config.php" ]; then
      cp -p "$WP_DIR/foreign-config.php" "$CONF"; say "restored the previous $CONF"
    else
      rm -f "$CONF"; say "deleted $CONF"
    fi
  fi
  rm -rf -- "$WP_DIR"
  say "deleted $WP_DIR"
fi
