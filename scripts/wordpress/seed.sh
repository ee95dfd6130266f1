#!/usr/bin/env bash
# scripts/wordpress/seed.sh: the dev API's demo content (devapi/data/site.json)
# inserted into the WordPress that setup.sh started, through WordPress's own
# PHP API (php-cli + wp-load.php): options blogname/blogdescription and
# site_icon, users,
# categories, tags, media (the files, with their intermediate sizes, and the
# attachment metadata, so that WordPress writes srcset itself), posts (slugs,
# titles, dates, content, authors, categories, tags, comment_status,
# password, sticky), pages (the same, plus parent and menu_order; no terms),
# comments with their threads, statuses, emails and dates (on posts and
# pages), and the generated comments.
#
# A post's content: its `blocks` (raw post_content: the block-editor corpus,
# or classic-editor HTML without block comments) when it has them, with
# {{home}} for the home URL and {{media:ID}} for the WordPress id of dev API
# media ID; else `content` (rendered HTML) in Custom HTML blocks; else
# `paragraphs` as paragraph blocks. scripts/wordpress/render-corpus.sh
# writes what WordPress renders from `blocks` back as the post's `content`.
#
# WordPress chooses its own ids; everything else matches the dev API. Nothing
# is ever matched by id: posts, pages and terms by slug, users by login,
# comments by the comment meta `_blog_seed` (the dev API id, or
# `gen-<post>-<n>`). Idempotent: what exists is left alone, what is missing is
# added, content, passwords, tags and sticky posts are brought back to
# site.json's, and comments posted since (by earlier test runs) are deleted.
# Prints a
# JSON map of dev API ids to WordPress ids (also saved as $WP_DIR/seed-ids.json).
set -euo pipefail
WP_PORT="${WP_PORT:-8891}"
WP_DIR="${WP_DIR:-/tmp/blog-wp}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SITE_JSON="${SITE_JSON:-$ROOT/devapi/data/site.json}"
export WP_PORT WP_DIR SITE_JSON UPLOADS_SRC="$(dirname "$SITE_JSON")/uploads" WP_CLI_SITE="$ROOT/scripts/wordpress/cli-site.php"

[ -S "$WP_DIR/db/mysqld.sock" ] || { echo "[wordpress/seed] WordPress is not running for WP_DIR=$WP_DIR: run scripts/wordpress/setup.sh first" >&2; exit 1; }

php -d display_errors=stderr -d memory_limit=256M <<'PHP' | tee "$WP_DIR/seed-ids.json"
<?php
require getenv( 'WP_CLI_SITE' );
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/taxonomy.php';

$err = fopen( 'php://stderr', 'w' );
function say( $m ) { global $err; fwrite( $err, "[wordpress/seed] $m\n" ); }
function fail( $m ) { say( "ERROR: $m" ); exit( 1 ); }
if ( ! is_blog_installed() ) { fail( 'WordPress is not installed: run scripts/wordpress/setup.sh' ); }

$site = json_decode( file_get_contents( getenv( 'SITE_JSON' ) ), true );
if ( ! is_array( $site ) ) { fail( 'cannot read ' . getenv( 'SITE_JSON' ) ); }
// site.json dates are the site's local time; this site runs at UTC+0.
function wp_date_of( $iso ) { return str_replace( 'T', ' ', $iso ); }

// As the administrator: no kses on saved content (the demo's unsafe markup is
// the point of one post), like an editor save by a user with unfiltered_html.
wp_set_current_user( 1 );
kses_remove_filters();

update_option( 'blogname', $site['site']['name'] );
update_option( 'blogdescription', $site['site']['description'] ?? '' );

// WordPress's own sample content is not part of the demo.
foreach ( array( array( 'hello-world', 'post' ), array( 'sample-page', 'page' ), array( 'privacy-policy', 'page' ) ) as list( $slug, $type ) ) {
	$p = get_page_by_path( $slug, OBJECT, $type );
	if ( $p ) { wp_delete_post( $p->ID, true ); say( "deleted the default $type '$slug'" ); }
}

$map = array( 'users' => array(), 'categories' => array(), 'tags' => array(), 'media' => array(), 'posts' => array(), 'pages' => array(), 'comments' => array() );

// ---------------------------------------------------------------- users
foreach ( $site['users'] as $u ) {
	$found = get_user_by( 'login', $u['slug'] );
	if ( $found ) {
		$id = $found->ID;
	} else {
		$id = wp_insert_user( array(
			'user_login' => $u['slug'], 'user_nicename' => $u['slug'], 'user_email' => $u['email'],
			'display_name' => $u['name'], 'nickname' => $u['name'], 'first_name' => $u['name'],
			'role' => 'author', 'user_pass' => wp_generate_password( 24 ),
		) );
		if ( is_wp_error( $id ) ) { fail( $id->get_error_message() ); }
		say( "user {$u['slug']} created" );
	}
	wp_update_user( array( 'ID' => $id, 'display_name' => $u['name'] ) );
	$map['users'][ $u['id'] ] = (int) $id;
}

// ---------------------------------------------------------------- terms
// A child category comes after its parent in site.json.
foreach ( array( 'categories' => 'category', 'tags' => 'post_tag' ) as $key => $tax ) {
	foreach ( $site[ $key ] ?? array() as $t ) {
		$term   = get_term_by( 'slug', $t['slug'], $tax );
		$parent = empty( $t['parent'] ) ? 0 : $map[ $key ][ $t['parent'] ];
		if ( $term ) {
			$id = $term->term_id;
			if ( $term->name !== $t['name'] || (int) $term->parent !== $parent ) {
				wp_update_term( $id, $tax, array( 'name' => $t['name'], 'parent' => $parent ) );
				say( "$tax {$t['slug']} updated" );
			}
		} else {
			$r = wp_insert_term( $t['name'], $tax, array( 'slug' => $t['slug'], 'parent' => $parent ) );
			if ( is_wp_error( $r ) ) { fail( $r->get_error_message() ); }
			$id = $r['term_id'];
			say( "$tax {$t['slug']} created" );
		}
		$map[ $key ][ $t['id'] ] = (int) $id;
	}
}

// ---------------------------------------------------------------- posts
function blocks( array $paragraphs ) {
	$out = array();
	foreach ( $paragraphs as $p ) { $out[] = "<!-- wp:paragraph -->\n<p>$p</p>\n<!-- /wp:paragraph -->"; }
	return implode( "\n\n", $out );
}
// site.json's verbatim `content` is what WordPress renders from blocks: each
// block's HTML between "\n", blocks separated by "\n\n". Stored as Custom
// HTML blocks it renders back byte for byte (stored without blocks, wpautop
// would re-wrap it, e.g. the <script> in a <p>).
function html_blocks( $rendered ) {
	$out = array();
	foreach ( explode( "\n\n\n\n", trim( $rendered, "\n" ) ) as $chunk ) { $out[] = "<!-- wp:html -->\n$chunk\n<!-- /wp:html -->"; }
	return implode( "\n\n", $out );
}
// `blocks` is stored as it is, with its placeholders filled in: {{home}} (the
// home URL, no trailing slash) and {{media:ID}} (the WordPress id of dev API
// media ID). Called again once the media exist (see below).
function expand( $raw, $strict ) {
	global $map;
	$raw = str_replace( '{{home}}', untrailingslashit( home_url() ), $raw );
	return preg_replace_callback( '/\{\{media:(\d+)\}\}/', function ( $m ) use ( $map, $strict ) {
		if ( isset( $map['media'][ $m[1] ] ) ) { return (string) $map['media'][ $m[1] ]; }
		if ( $strict ) { fail( "{{media:{$m[1]}}}: no such media in site.json" ); }
		return $m[0];
	}, $raw );
}
function content_of( array $p, $strict = false ) {
	if ( isset( $p['blocks'] ) ) { return expand( $p['blocks'], $strict ); }
	return isset( $p['content'] ) ? html_blocks( $p['content'] ) : blocks( $p['paragraphs'] );
}
// Posts, then pages (parents before their children, as site.json lists
// them). A page is found by its slug among pages (get_page_by_path would
// want the whole path of a child page).
function find_entry( $slug, $type ) {
	$found = get_posts( array( 'post_type' => $type, 'name' => $slug, 'post_status' => 'any', 'numberposts' => 1, 'fields' => 'ids' ) );
	return $found ? (int) $found[0] : 0;
}
foreach ( array( 'posts' => 'post', 'pages' => 'page' ) as $key => $type ) {
	foreach ( $site[ $key ] ?? array() as $p ) {
		$found = find_entry( $p['slug'], $type );
		if ( $found ) { $map[ $key ][ $p['id'] ] = $found; continue; }
		$closed = 'page' === $type ? 'closed' : 'open'; // get_default_comment_status()
		$fields = array(
			'post_type'      => $type,
			'post_status'    => 'publish',
			'post_author'    => $map['users'][ $p['author'] ],
			'post_title'     => $p['title'], // as rendered (entities kept): WordPress outputs it unchanged
			'post_name'      => $p['slug'],  // a non-Latin slug is given percent-encoded, as WordPress makes it
			'post_content'   => content_of( $p ),
			'post_password'  => $p['password'] ?? '',
			'post_date'      => wp_date_of( $p['date'] ),
			'post_date_gmt'  => wp_date_of( $p['date'] ),
			'comment_status' => $p['comment_status'] ?? $closed,
			'ping_status'    => $p['ping_status'] ?? $closed,
		);
		if ( 'post' === $type ) {
			$fields['post_category'] = array_map( function ( $c ) use ( $map ) { return $map['categories'][ $c ]; }, $p['categories'] ?? array( 1 ) );
		} else {
			$fields['post_parent'] = empty( $p['parent'] ) ? 0 : $map['pages'][ $p['parent'] ];
			$fields['menu_order']  = $p['menu_order'] ?? 0;
		}
		$id = wp_insert_post( wp_slash( $fields ), true );
		if ( is_wp_error( $id ) ) { fail( $id->get_error_message() ); }
		$map[ $key ][ $p['id'] ] = (int) $id;
		say( "$type {$p['slug']} created" );
	}
}
// ------------------------------------------------------------------ media
// Every file of an entry (the full size `file` and each of `sizes`) is copied
// to the same path under this site's uploads folder; the metadata names the
// sizes, as an upload through the media library would have made them, so
// that wp_filter_content_tags adds srcset/sizes to `wp-image-N` images.
$uploads = wp_get_upload_dir();
foreach ( $site['media'] ?? array() as $m ) {
	foreach ( array_merge( array( $m['file'] ), array_column( $m['sizes'] ?? array(), 'file' ) ) as $file ) {
		$src = getenv( 'UPLOADS_SRC' ) . '/' . $file;
		$dst = $uploads['basedir'] . '/' . $file;
		if ( ! is_file( $dst ) || md5_file( $dst ) !== md5_file( $src ) ) {
			wp_mkdir_p( dirname( $dst ) );
			if ( ! copy( $src, $dst ) ) { fail( "cannot copy $src" ); }
			chmod( $dst, 0644 );
		}
	}
	$found = get_posts( array( 'post_type' => 'attachment', 'name' => $m['slug'], 'post_status' => 'inherit', 'numberposts' => 1, 'fields' => 'ids' ) );
	if ( $found ) {
		$id = $found[0];
	} else {
		$id = wp_insert_attachment( wp_slash( array(
			'post_title' => $m['title'], 'post_name' => $m['slug'], 'post_mime_type' => $m['mime_type'],
			'post_author' => $map['users'][ $m['author'] ], 'post_date' => wp_date_of( $m['date'] ),
			'post_date_gmt' => wp_date_of( $m['date'] ), 'post_status' => 'inherit', 'post_content' => '',
			'post_excerpt' => $m['caption'] ?? '',
		) ), $m['file'], $map['posts'][ $m['post'] ] ?? 0, true );
		if ( is_wp_error( $id ) ) { fail( $id->get_error_message() ); }
		update_post_meta( $id, '_wp_attachment_image_alt', wp_slash( $m['alt_text'] ) );
		say( "media {$m['slug']} created" );
	}
	// The metadata is written by hand (no image editor runs here): an SVG has
	// no sizes; a raster image has those in site.json (made by WordPress's
	// own editor when the corpus was made); a PDF or a sound has no
	// dimensions.
	if ( 0 === strpos( $m['mime_type'], 'image/' ) || ! empty( $m['width'] ) ) {
		$sizes = array();
		foreach ( $m['sizes'] ?? array() as $sz ) {
			$sizes[ $sz['name'] ] = array( 'file' => wp_basename( $sz['file'] ), 'width' => $sz['width'], 'height' => $sz['height'], 'mime-type' => $m['mime_type'] );
		}
		$meta = array( 'width' => $m['width'], 'height' => $m['height'], 'file' => $m['file'], 'sizes' => $sizes );
	} else {
		$meta = array();
	}
	if ( wp_get_attachment_metadata( $id ) !== $meta ) { wp_update_attachment_metadata( $id, $meta ); }
	$map['media'][ $m['id'] ] = (int) $id;
}
// The site icon (Settings → Site Identity), by its dev API media id.
$icon = (int) ( $site['site']['site_icon'] ?? 0 );
if ( $icon && ! isset( $map['media'][ $icon ] ) ) { fail( "site_icon $icon: no such media in site.json" ); }
$icon = $icon ? $map['media'][ $icon ] : 0;
if ( (int) get_option( 'site_icon' ) !== $icon ) { update_option( 'site_icon', $icon ); }
// Content, comment_status, password, menu order, categories, tags and stickiness also on
// re-runs (site.json may have changed), after the media: `blocks` name
// attachment ids.
foreach ( array( 'posts' => 'post', 'pages' => 'page' ) as $key => $type ) {
	foreach ( $site[ $key ] ?? array() as $p ) {
		$id   = $map[ $key ][ $p['id'] ];
		$want = array(
			'comment_status' => $p['comment_status'] ?? ( 'page' === $type ? 'closed' : 'open' ),
			'post_content'   => content_of( $p, true ),
			'post_password'  => $p['password'] ?? '',
		);
		if ( 'page' === $type ) { $want['menu_order'] = (string) ( $p['menu_order'] ?? 0 ); }
		foreach ( $want as $field => $value ) {
			if ( (string) get_post_field( $field, $id, 'raw' ) !== $value ) {
				// Directly: no revision, `modified` stays the demo's date.
				$GLOBALS['wpdb']->update( $GLOBALS['wpdb']->posts, array( $field => $value ), array( 'ID' => $id ) );
				clean_post_cache( $id );
				say( "$type {$p['slug']}: $field updated" );
			}
		}
		if ( 'post' === $type ) {
			$cats = array_map( function ( $c ) use ( $map ) { return $map['categories'][ $c ]; }, $p['categories'] ?? array( 1 ) );
			$have = wp_get_post_categories( $id );
			sort( $cats );
			sort( $have );
			if ( $cats !== array_map( 'intval', $have ) ) {
				wp_set_post_categories( $id, $cats );
				say( "post {$p['slug']}: categories updated" );
			}
			$tags = array_map( function ( $t ) use ( $map ) { return $map['tags'][ $t ]; }, $p['tags'] ?? array() );
			$have = wp_get_post_terms( $id, 'post_tag', array( 'fields' => 'ids' ) );
			sort( $tags );
			sort( $have );
			if ( $tags !== array_map( 'intval', $have ) ) {
				wp_set_post_terms( $id, $tags, 'post_tag' );
				say( "post {$p['slug']}: tags updated" );
			}
		}
	}
}
$sticky = array();
foreach ( $site['posts'] as $p ) {
	if ( ! empty( $p['sticky'] ) ) { $sticky[] = $map['posts'][ $p['id'] ]; }
}
if ( get_option( 'sticky_posts' ) !== $sticky ) { update_option( 'sticky_posts', $sticky ); }

// oEmbed results are cached in post meta (for a day, failures too): every seed
// renders embeds afresh, with the mu-plugin's stand-ins as they are now.
foreach ( $map['posts'] + $map['pages'] as $id ) {
	foreach ( array_keys( get_post_meta( $id ) ) as $key ) {
		if ( 0 === strpos( $key, '_oembed_' ) ) { delete_post_meta( $id, $key ); }
	}
}

foreach ( $site['posts'] as $p ) {
	if ( ! empty( $p['featured_media'] ) ) { set_post_thumbnail( $map['posts'][ $p['id'] ], $map['media'][ $p['featured_media'] ] ); }
}

// ------------------------------------------------------------- comments
function seed_comment( $key, array $c ) {
	$found = get_comments( array( 'meta_key' => '_blog_seed', 'meta_value' => $key, 'status' => 'all', 'number' => 1, 'fields' => 'ids' ) );
	if ( $found ) { return (int) $found[0]; }
	// wp_insert_comment stores what it is given (no kses, no wp_filter_comment),
	// as the dev API stores site.json's comments.
	$id = wp_insert_comment( wp_slash( $c + array( 'comment_type' => 'comment', 'comment_author_IP' => '', 'comment_agent' => '' ) ) );
	if ( ! $id ) { fail( "cannot insert comment $key" ); }
	add_comment_meta( $id, '_blog_seed', $key, true );
	return (int) $id;
}
// Comments posted by earlier test runs (no _blog_seed meta) are removed, so
// every seed starts the tests from the demo content.
$posted = get_comments( array( 'status' => 'all', 'fields' => 'ids', 'number' => 0, 'meta_query' => array( array( 'key' => '_blog_seed', 'compare' => 'NOT EXISTS' ) ) ) );
foreach ( $posted as $id ) { wp_delete_comment( $id, true ); }
if ( $posted ) { say( 'deleted ' . count( $posted ) . ' comments posted by earlier runs' ); }
$statuses = array( 'approved' => 1, 'hold' => 0, 'spam' => 'spam', 'trash' => 'trash' );
foreach ( $site['comments'] as $c ) {
	$map['comments'][ $c['id'] ] = seed_comment( (string) $c['id'], array(
		'comment_post_ID'      => $map['posts'][ $c['post'] ] ?? $map['pages'][ $c['post'] ],
		'comment_parent'       => empty( $c['parent'] ) ? 0 : $map['comments'][ $c['parent'] ],
		'user_id'              => empty( $c['user_id'] ) ? 0 : $map['users'][ $c['user_id'] ],
		'comment_author'       => $c['author_name'],
		'comment_author_email' => $c['author_email'] ?? '',
		'comment_author_url'   => $c['author_url'] ?? '',
		'comment_content'      => $c['content'],
		'comment_date'         => wp_date_of( $c['date'] ),
		'comment_date_gmt'     => wp_date_of( $c['date'] ),
		'comment_approved'     => $statuses[ $c['status'] ?? 'approved' ],
	) );
}
foreach ( $site['generated_comments'] ?? array() as $g ) {
	$start = strtotime( $g['start'] . 'Z' );
	for ( $i = 1; $i <= $g['count']; $i++ ) {
		$n = sprintf( '%03d', $i );
		$fill = function ( $s ) use ( $n, $g, $i ) {
			return strtr( $s, array( '{n}' => $n, '{count}' => $g['count'], '{opener}' => $g['openers'][ $i % count( $g['openers'] ) ] ) );
		};
		$date = gmdate( 'Y-m-d H:i:s', $start + $i * $g['step_minutes'] * 60 );
		$map['comments'][ $g['first_id'] + $i - 1 ] = seed_comment( "gen-{$g['post']}-$n", array(
			'comment_post_ID' => $map['posts'][ $g['post'] ], 'comment_parent' => 0, 'user_id' => 0,
			'comment_author' => $fill( $g['author_name'] ), 'comment_author_email' => $fill( $g['author_email'] ),
			'comment_author_url' => '', 'comment_content' => $fill( $g['content'] ),
			'comment_date' => $date, 'comment_date_gmt' => $date, 'comment_approved' => 1,
		) );
	}
}
say( sprintf( 'done: %d users, %d categories, %d tags, %d posts, %d pages, %d media, %d comments', count( $map['users'] ), count( $map['categories'] ), count( $map['tags'] ), count( $map['posts'] ), count( $map['pages'] ), count( $map['media'] ), count( $map['comments'] ) ) );
echo json_encode( $map, JSON_PRETTY_PRINT ), "\n";
PHP
