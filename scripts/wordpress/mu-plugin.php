<?php
/**
 * Plugin Name: Blog contract test
 * Description: Copied by the blog's scripts/wordpress/setup.sh into this
 *              test site only (its own WP_CONTENT_DIR).
 *
 * 1. Anonymous comments over the REST API, as the blog's README asks every
 *    site owner to enable.
 * 2. The comment flood check (15 s per IP or email) is off, so that the
 *    contract tests can post many comments from 127.0.0.1 without sleeping,
 *    except for requests that carry the header `X-Contract-Flood: on`: the
 *    flood case of the request set turns it back on for itself. The dev API
 *    is run with --flood-seconds 0 (and a second one with 15 for that case).
 */
add_filter( 'rest_allow_anonymous_comments', '__return_true' );

if ( ( $_SERVER['HTTP_X_CONTRACT_FLOOD'] ?? '' ) !== 'on' ) {
	add_action( 'init', function () {
		remove_filter( 'wp_is_comment_flood', 'wp_check_comment_flood', 10 );
		remove_action( 'check_comment_flood', 'check_comment_flood_db', 10 );
	} );
}
