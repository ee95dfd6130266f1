<?php
/*
 * The request php-cli stands in for, so that WordPress loads the contract
 * site: Debian's wp-config.php picks /etc/wordpress/config-<host>.php by the
 * Host. Required by the PHP that setup.sh, seed.sh and permalinks.sh run
 * (through $WP_CLI_SITE), before they load WordPress.
 */
$_SERVER['HTTP_HOST']   = '127.0.0.1';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = getenv( 'WP_PORT' );
$_SERVER['REQUEST_URI'] = '/';
