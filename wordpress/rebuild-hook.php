<?php
/**
 * Plugin Name: Blog rebuild hook
 * Description: Calls the static blog's build hook (a CI job that prerenders the site again) when published content changes. Off until BLOG_REBUILD_HOOK_URL is defined in wp-config.php. See docs/rebuild-on-publish.md in the blog frontend's repository.
 * Version:     1.0.0
 * Requires at least: 5.7
 * Requires PHP: 7.4
 *
 * A must-use plugin: copy this file into wp-content/mu-plugins/ (no
 * activation needed), then add to wp-config.php:
 *
 *     define( 'BLOG_REBUILD_HOOK_URL', 'https://example.org/rebuild' );
 *     define( 'BLOG_REBUILD_HOOK_SECRET', '…a long random string…' );
 *     // Optional:
 *     define( 'BLOG_REBUILD_HOOK_DELAY', 10 );   // seconds of quiet to wait; 0 = at once
 *     define( 'BLOG_REBUILD_HOOK_TOKEN', '…' );  // sent as "Authorization: Bearer …"
 *
 * What it sends: one POST with a JSON body
 *
 *     {"event": "post_updated", "id": 42, "type": "post",
 *      "modified_gmt": "2025-06-30T18:00:00", "slug": "on-quiet-mornings",
 *      "events": [ … every change since the last call, oldest first … ],
 *      "site": "https://cms.example.org/", "sent_at": "2025-06-30T18:00:12"}
 *
 * (the top-level fields are the newest change's) and the header
 * `X-Blog-Signature: sha256=<hex HMAC-SHA256 of the body, keyed with the
 * secret>`. To a GitHub `…/dispatches` URL the body is wrapped as
 * `{"event_type": "blog-rebuild", "client_payload": {…}}`, as GitHub's API
 * wants it.
 *
 * Events: `post_published` (a post or page became public: published, or a
 * scheduled one went live), `post_updated` (a published one saved again),
 * `post_unpublished` (back to draft, pending, private or scheduled),
 * `post_trashed` (trashed, or deleted without the trash), and
 * `comment_approved` (a comment approved by a moderator, or a new comment
 * approved at once; `id` and `type` are then its post's, and `comment_id`
 * is added). Only public post types (not attachments), only real status
 * changes: autosaves, revisions, drafts saved as drafts and comments held
 * for moderation send nothing.
 *
 * Debounced: the changes of one request are one call; with a delay (10 s
 * by default), the changes of the next seconds join them and go out in one
 * call from WP-Cron when the delay has passed (a site with DISABLE_WP_CRON
 * needs its system cron calling wp-cron.php; without it, they go out with
 * the first change after twice the delay). The call never waits for an
 * answer (`blocking => false`, 2 s timeout): a build hook that is down
 * never slows WordPress.
 *
 * Written for the blog frontend project; no code copied from elsewhere.
 */

defined( 'ABSPATH' ) || exit;

/** The option holding changes not sent yet (not autoloaded). */
const BLOG_REBUILD_HOOK_PENDING = 'blog_rebuild_hook_pending';
/** The WP-Cron event that sends them. */
const BLOG_REBUILD_HOOK_CRON = 'blog_rebuild_hook_flush';
/** At most this many changes are listed in one call (the newest). */
const BLOG_REBUILD_HOOK_MAX_EVENTS = 50;

/** The hook's URL, or '' when the hook is off. */
function blog_rebuild_hook_url() {
	return defined( 'BLOG_REBUILD_HOOK_URL' ) ? trim( (string) BLOG_REBUILD_HOOK_URL ) : '';
}

/** Seconds to wait for more changes before calling (0: at the end of the request). */
function blog_rebuild_hook_delay() {
	return defined( 'BLOG_REBUILD_HOOK_DELAY' ) ? max( 0, (int) BLOG_REBUILD_HOOK_DELAY ) : 10;
}

/** Whether changes to posts of this type are worth a rebuild. */
function blog_rebuild_hook_public_type( $type ) {
	if ( 'attachment' === $type ) {
		return false;
	}
	$object = get_post_type_object( $type );
	return $object && $object->public;
}

/** `2025-06-30T18:00:00` from WordPress's `2025-06-30 18:00:00`. */
function blog_rebuild_hook_date( $mysql_gmt ) {
	return str_replace( ' ', 'T', (string) $mysql_gmt );
}

/** A change to a post, as the body lists it. */
function blog_rebuild_hook_post_event( $event, WP_Post $post ) {
	return array(
		'event'        => $event,
		'id'           => (int) $post->ID,
		'type'         => $post->post_type,
		'modified_gmt' => blog_rebuild_hook_date( $post->post_modified_gmt ),
		// A trashed post's slug carries WordPress's "__trashed" suffix.
		'slug'         => preg_replace( '/__trashed(-\d+)?$/', '', $post->post_name ),
	);
}

/**
 * Notes a change for this request's call. Several changes to one post keep
 * one entry per kind of change (the newest).
 */
function blog_rebuild_hook_note( array $change ) {
	if ( '' === blog_rebuild_hook_url() ) {
		return;
	}
	$GLOBALS['blog_rebuild_hook_batch'] = blog_rebuild_hook_merge(
		$GLOBALS['blog_rebuild_hook_batch'] ?? array(),
		array( $change )
	);
	if ( ! has_action( 'shutdown', 'blog_rebuild_hook_shutdown' ) ) {
		add_action( 'shutdown', 'blog_rebuild_hook_shutdown' );
	}
}

/** `$changes` added to `$list`: a change already listed moves to the end. */
function blog_rebuild_hook_merge( array $list, array $changes ) {
	foreach ( $changes as $change ) {
		$key  = $change['event'] . ':' . $change['id'] . ':' . ( $change['comment_id'] ?? '' );
		$list = array_values(
			array_filter(
				$list,
				function ( $old ) use ( $key ) {
					return $old['event'] . ':' . $old['id'] . ':' . ( $old['comment_id'] ?? '' ) !== $key;
				}
			)
		);
		$list[] = $change;
	}
	return $list;
}

// ------------------------------------------------------------ what changed

add_action(
	'transition_post_status',
	function ( $new_status, $old_status, $post ) {
		if ( ! $post instanceof WP_Post || ! blog_rebuild_hook_public_type( $post->post_type ) ) {
			return;
		}
		if ( wp_is_post_revision( $post ) || wp_is_post_autosave( $post ) || ( defined( 'DOING_AUTOSAVE' ) && DOING_AUTOSAVE ) ) {
			return;
		}
		if ( 'publish' === $new_status ) {
			$event = 'publish' === $old_status ? 'post_updated' : 'post_published';
		} elseif ( 'publish' === $old_status ) {
			$event = 'trash' === $new_status ? 'post_trashed' : 'post_unpublished';
		} else {
			return; // A draft saved as a draft, a post never public: nothing to rebuild.
		}
		blog_rebuild_hook_note( blog_rebuild_hook_post_event( $event, $post ) );
	},
	10,
	3
);

// A published post deleted without going through the trash.
add_action(
	'before_delete_post',
	function ( $post_id ) {
		$post = get_post( $post_id );
		if ( $post && 'publish' === $post->post_status && blog_rebuild_hook_public_type( $post->post_type ) ) {
			blog_rebuild_hook_note( blog_rebuild_hook_post_event( 'post_trashed', $post ) );
		}
	}
);

/** A comment that became visible on a published post. */
function blog_rebuild_hook_comment( $comment ) {
	$comment = get_comment( $comment );
	if ( ! $comment ) {
		return;
	}
	$post = get_post( $comment->comment_post_ID );
	if ( ! $post || 'publish' !== $post->post_status || ! blog_rebuild_hook_public_type( $post->post_type ) ) {
		return;
	}
	$change               = blog_rebuild_hook_post_event( 'comment_approved', $post );
	$change['comment_id'] = (int) $comment->comment_ID;
	blog_rebuild_hook_note( $change );
}

add_action(
	'transition_comment_status',
	function ( $new_status, $old_status, $comment ) {
		if ( 'approved' === $new_status && 'approved' !== $old_status ) {
			blog_rebuild_hook_comment( $comment );
		}
	},
	10,
	3
);

// A new comment approved at once (a known commenter's, an editor's reply,
// one posted through the REST API).
add_action(
	'wp_insert_comment',
	function ( $id, $comment ) {
		if ( '1' === (string) $comment->comment_approved ) {
			blog_rebuild_hook_comment( $comment );
		}
	},
	10,
	2
);

// ------------------------------------------------------------ when to call

/** End of a request with changes: call now, or queue them for WP-Cron. */
function blog_rebuild_hook_shutdown() {
	$batch = $GLOBALS['blog_rebuild_hook_batch'] ?? array();
	unset( $GLOBALS['blog_rebuild_hook_batch'] );
	if ( ! $batch ) {
		return;
	}
	$delay = blog_rebuild_hook_delay();
	if ( 0 === $delay ) {
		blog_rebuild_hook_send( $batch );
		return;
	}
	$pending = get_option( BLOG_REBUILD_HOOK_PENDING );
	if ( ! is_array( $pending ) || ! isset( $pending['since'], $pending['events'] ) ) {
		$pending = array( 'since' => time(), 'events' => array() );
	}
	$pending['events'] = blog_rebuild_hook_merge( $pending['events'], $batch );
	// WP-Cron did not come in time (no visits, DISABLE_WP_CRON without a
	// system cron): send what waited with this change.
	if ( time() - (int) $pending['since'] >= 2 * $delay ) {
		delete_option( BLOG_REBUILD_HOOK_PENDING );
		wp_clear_scheduled_hook( BLOG_REBUILD_HOOK_CRON );
		blog_rebuild_hook_send( $pending['events'] );
		return;
	}
	update_option( BLOG_REBUILD_HOOK_PENDING, $pending, false );
	if ( ! wp_next_scheduled( BLOG_REBUILD_HOOK_CRON ) ) {
		wp_schedule_single_event( (int) $pending['since'] + $delay, BLOG_REBUILD_HOOK_CRON );
	}
}

/** WP-Cron, the delay after the first queued change: one call for all. */
function blog_rebuild_hook_flush() {
	$pending = get_option( BLOG_REBUILD_HOOK_PENDING );
	delete_option( BLOG_REBUILD_HOOK_PENDING );
	if ( is_array( $pending ) && ! empty( $pending['events'] ) ) {
		blog_rebuild_hook_send( $pending['events'] );
	}
}
add_action( BLOG_REBUILD_HOOK_CRON, 'blog_rebuild_hook_flush' );

// ------------------------------------------------------------ the call

/**
 * POSTs the changes to the hook, signed, without waiting for the answer.
 * Returns the body sent (false when the hook is off or there is nothing).
 */
function blog_rebuild_hook_send( array $events ) {
	$url = blog_rebuild_hook_url();
	if ( '' === $url || ! $events ) {
		return false;
	}
	$dropped = max( 0, count( $events ) - BLOG_REBUILD_HOOK_MAX_EVENTS );
	$events  = array_slice( array_values( $events ), -BLOG_REBUILD_HOOK_MAX_EVENTS );
	$newest  = end( $events );
	$payload = array(
		'event'        => $newest['event'],
		'id'           => $newest['id'],
		'type'         => $newest['type'],
		'modified_gmt' => $newest['modified_gmt'],
		'slug'         => $newest['slug'],
		'events'       => $events,
		'site'         => home_url( '/' ),
		'sent_at'      => gmdate( 'Y-m-d\TH:i:s' ),
	);
	if ( $dropped ) {
		$payload['dropped'] = $dropped; // older changes not listed
	}
	$headers = array(
		'Content-Type' => 'application/json',
		'User-Agent'   => 'blog-rebuild-hook/1.0; ' . home_url( '/' ),
		'X-Blog-Event' => $newest['event'],
	);
	if ( preg_match( '#^https://api\.github\.com/repos/[^/]+/[^/]+/dispatches/?$#', $url ) ) {
		$payload           = array(
			'event_type'     => 'blog-rebuild',
			'client_payload' => $payload,
		);
		$headers['Accept'] = 'application/vnd.github+json';
	}
	$body = wp_json_encode( $payload, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
	if ( false === $body ) {
		return false;
	}
	if ( defined( 'BLOG_REBUILD_HOOK_SECRET' ) && '' !== (string) BLOG_REBUILD_HOOK_SECRET ) {
		$headers['X-Blog-Signature'] = 'sha256=' . hash_hmac( 'sha256', $body, (string) BLOG_REBUILD_HOOK_SECRET );
	}
	if ( defined( 'BLOG_REBUILD_HOOK_TOKEN' ) && '' !== (string) BLOG_REBUILD_HOOK_TOKEN ) {
		$headers['Authorization'] = 'Bearer ' . BLOG_REBUILD_HOOK_TOKEN;
	}
	wp_remote_post(
		$url,
		array(
			'body'        => $body,
			'headers'     => $headers,
			'blocking'    => false,
			'timeout'     => 2,
			'redirection' => 0,
			'data_format' => 'body',
		)
	);
	return $body;
}
