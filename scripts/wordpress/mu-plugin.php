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
 * 3. An offline stand-in for three oEmbed providers (see the end of the file).
 */
add_filter( 'rest_allow_anonymous_comments', '__return_true' );

if ( ( $_SERVER['HTTP_X_CONTRACT_FLOOD'] ?? '' ) !== 'on' ) {
	add_action( 'init', function () {
		remove_filter( 'wp_is_comment_flood', 'wp_check_comment_flood', 10 );
		remove_action( 'check_comment_flood', 'check_comment_flood_db', 10 );
	} );
}

/*
 * 3. Offline oEmbed stand-in. This site has no internet (and
 *    WP_HTTP_BLOCK_EXTERNAL), so asking YouTube, Vimeo or Twitter for an
 *    embed would fail and WordPress would leave a bare link. For the URLs of
 *    the block-editor corpus (devapi/data/site.json, post
 *    block-editor-embeds) this returns the HTML those providers return to
 *    WordPress's oEmbed request (maxwidth 500, dnt), as if they had answered.
 *    Every other URL goes the normal way, so the corpus's SoundCloud URL is
 *    left unresolved (a plain link), as on any site that cannot reach the
 *    provider.
 */
add_filter( 'pre_oembed_result', function ( $result, $url, $args ) {
	$stand_ins = array(
		// YouTube's oEmbed "html" for this video.
		'https://www.youtube.com/watch?v=M7lc1UVf-VE' =>
			'<iframe width="500" height="281" src="https://www.youtube.com/embed/M7lc1UVf-VE?feature=oembed" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" allowfullscreen title="YouTube Developers Live: Embedded Web Player Customization"></iframe>',
		// Vimeo's (WordPress asks with dnt=1).
		'https://vimeo.com/76979871' =>
			'<iframe src="https://player.vimeo.com/video/76979871?dnt=1&amp;app_id=122963" width="500" height="281" frameborder="0" allow="autoplay; fullscreen; picture-in-picture" allowfullscreen title="The New Vimeo Player (You Know, For Videos)"></iframe>',
		// Twitter's: a blockquote and the widgets script that turns it into a
		// card (a made-up account; the script is what a sanitiser must drop).
		'https://twitter.com/therapynotes_demo/status/1577000000000000000' =>
			'<blockquote class="twitter-tweet" data-width="500" data-dnt="true"><p lang="en" dir="ltr">New on the blog: how the block editor lays out a post, one block at a time. Written between sessions, with tea. <a href="https://t.co/Xy12AbCdEf">https://t.co/Xy12AbCdEf</a></p>&mdash; Therapy Notes (@therapynotes_demo) <a href="https://twitter.com/therapynotes_demo/status/1577000000000000000?ref_src=twsrc%5Etfw">October 3, 2022</a></blockquote>' . "\n" .
			'<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>' . "\n",
	);
	return $stand_ins[ $url ] ?? $result;
}, 10, 3 );
