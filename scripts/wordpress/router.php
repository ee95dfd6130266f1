<?php
/*
 * Router for `php -S 127.0.0.1:PORT -t /usr/share/wordpress router.php`
 * (copied by scripts/wordpress/setup.sh). It does what Debian's Apache
 * config and WordPress's .htaccess do:
 *   /wp-content/...  static files from $BLOG_WP_CONTENT (never PHP);
 *   existing files   the built-in server;
 *   anything else    index.php (pretty permalinks, /wp-json/...).
 */
$root = rtrim( $_SERVER['DOCUMENT_ROOT'], '/' );
$path = rawurldecode( (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );
if ( $path === '' ) { $path = '/'; }
if ( strpos( $path, "\0" ) !== false || preg_match( '#(^|/)\.\.(/|$)#', $path ) ) {
	http_response_code( 400 );
	return true;
}
if ( strncmp( $path, '/wp-content/', 12 ) === 0 ) {
	$file = getenv( 'BLOG_WP_CONTENT' ) . substr( $path, 11 );
	if ( is_file( $file ) && ! preg_match( '/\.(php|phtml|phar)$/i', $file ) ) {
		$types = array( 'css' => 'text/css', 'js' => 'text/javascript', 'json' => 'application/json',
			'svg' => 'image/svg+xml', 'png' => 'image/png', 'jpg' => 'image/jpeg', 'jpeg' => 'image/jpeg',
			'gif' => 'image/gif', 'webp' => 'image/webp', 'woff2' => 'font/woff2', 'txt' => 'text/plain' );
		$ext = strtolower( pathinfo( $file, PATHINFO_EXTENSION ) );
		header( 'Content-Type: ' . ( $types[ $ext ] ?? 'application/octet-stream' ) );
		header( 'Content-Length: ' . filesize( $file ) );
		readfile( $file );
		return true;
	}
} elseif ( $path !== '/' && file_exists( $root . $path ) && ! is_dir( $root . $path ) ) {
	return false;
}
chdir( $root );
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
require $root . '/index.php';
return true;
