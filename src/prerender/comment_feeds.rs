//! The comments feeds written beside the posts' (`feeds`): the site's
//! newest comments at `/comments/feed/` and each post's and page's at its
//! address and `feed/`, as WordPress serves them. Their XML is
//! `blog_core::data::comment_feed`'s; each comment's HTML goes through the
//! pages' own sanitiser, as on its page.

use std::collections::HashMap;

use blog_core::data::comment::Comment;
use blog_core::data::comment_feed::{item, last_comment, newest, singular_channel, site_channel};
use blog_core::data::entities::decode_entities;
use blog_core::data::feed::{Item, FEED_ITEMS};
use blog_core::data::feed_links::COMMENTS_FEED_PATH;
use blog_core::data::models::SiteInfo;

use crate::prerender::crawl::CommentsFeedSource;

/// Every comments feed (its address, XML): the site's, then one for each
/// of `sources`. `comments_of` gives a post's approved
/// comments; `sanitize` a comment's HTML as its page shows it.
pub fn plan<'a>(
    info: &SiteInfo,
    site_url: &str,
    sources: &'a [CommentsFeedSource],
    comments_of: &dyn Fn(u64) -> &'a [Comment],
    sanitize: &mut dyn FnMut(&Comment) -> String,
) -> Vec<(String, String)> {
    let site_url = site_url.trim_end_matches('/');
    let tagline = decode_entities(&info.description);
    let absolute = |path: &str| format!("{site_url}{path}");
    // A comment in both the site's feed and its post's is sanitised once.
    let mut sanitized: HashMap<u64, String> = HashMap::new();
    let mut html = |c: &Comment| sanitized.entry(c.id).or_insert_with(|| sanitize(c)).clone();

    let by_post: Vec<(&CommentsFeedSource, &[Comment])> =
        sources.iter().map(|s| (s, comments_of(s.post))).collect();
    // Only comments on a page the build wrote: a reader follows the link.
    let every: Vec<(&CommentsFeedSource, &Comment)> = by_post
        .iter()
        .flat_map(|&(source, comments)| comments.iter().map(move |c| (source, c)))
        .collect();
    let built = last_comment(every.iter().map(|(_, c)| *c));
    let on_of: HashMap<u64, &CommentsFeedSource> = every.iter().map(|(s, c)| (c.id, *s)).collect();

    let mut files = Vec::new();
    let site_items: Vec<Item> = newest(every.iter().map(|(_, c)| *c), FEED_ITEMS)
        .into_iter()
        .map(|c| item(c, &on_of[&c.id].on, true, html(c)))
        .collect();
    let mut channel = site_channel(
        &info.display_name(),
        site_url,
        &tagline,
        &absolute(COMMENTS_FEED_PATH),
    );
    channel.items = site_items;
    channel.built = built;
    files.push((COMMENTS_FEED_PATH.to_string(), channel.to_xml()));

    for &(source, comments) in &by_post {
        let mut channel = singular_channel(&source.on, site_url, &tagline, &absolute(&source.path));
        channel.items = newest(comments, FEED_ITEMS)
            .into_iter()
            .map(|c| item(c, &source.on, false, html(c)))
            .collect();
        channel.built = built;
        files.push((source.path.clone(), channel.to_xml()));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use blog_core::data::comment_feed::Commented;
    use blog_core::data::models::Rendered;

    fn comment(id: u64, post: u64, date: &str) -> Comment {
        Comment {
            id,
            post,
            author_name: format!("Reader {id}"),
            date_gmt: date.into(),
            content: Rendered {
                rendered: format!("<p>Said {id}</p><script>bad()</script>"),
                ..Default::default()
            },
            status: "approved".into(),
            ..Comment::default()
        }
    }

    fn source(post: u64, path: &str, is_page: bool) -> CommentsFeedSource {
        CommentsFeedSource {
            post,
            on: Commented {
                title: format!("Item {post}"),
                link: format!("https://blog.example{path}"),
                guid: format!("https://cms.example/?p={post}"),
                is_page,
            },
            path: format!("{path}feed/"),
        }
    }

    #[test]
    fn the_sites_comments_and_each_items() {
        let comments: Vec<Comment> = (1..=12)
            .map(|i| comment(i, 1 + i % 2, &format!("2023-01-{i:02}T10:00:00")))
            .chain([comment(40, 9, "2024-01-01T00:00:00")])
            .collect();
        let mut by_post: HashMap<u64, Vec<Comment>> = HashMap::new();
        for c in comments {
            by_post.entry(c.post).or_default().push(c);
        }
        let sources = [
            source(1, "/one/", false),
            source(2, "/about/two/", true),
            source(3, "/quiet/", false),
        ];
        let mut sanitized = Vec::new();
        let files = plan(
            &SiteInfo {
                name: "Notes &amp; Co".into(),
                description: "Reflections".into(),
                ..SiteInfo::default()
            },
            "https://blog.example/",
            &sources,
            &|post| by_post.get(&post).map(Vec::as_slice).unwrap_or_default(),
            &mut |c| {
                sanitized.push(c.id);
                c.content.rendered.replace("<script>bad()</script>", "")
            },
        );
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/comments/feed/",
                "/one/feed/",
                "/about/two/feed/",
                "/quiet/feed/"
            ]
        );
        let site = &files[0].1;
        assert!(
            site.contains("<title>Comments for Notes &amp; Co</title>"),
            "{site}"
        );
        assert!(site.contains("<atom:link href=\"https://blog.example/comments/feed/\""));
        // The ten newest of the pages written (comment 40 is on post 9,
        // which has no page): 12 down to 3.
        assert!(
            site.contains("<title>Comment on Item 1 by Reader 12</title>"),
            "{site}"
        );
        assert!(site.contains("<link>https://blog.example/one/#comment-12</link>"));
        assert!(
            site.contains("<guid isPermaLink=\"false\">https://cms.example/?p=1#comment-12</guid>")
        );
        assert!(
            !site.contains("comment-40")
                && !site.contains("Reader 2<")
                && site.contains("Reader 3<")
        );
        assert!(site.find("Reader 12").unwrap() < site.find("Reader 11").unwrap());
        assert!(!site.contains("<script>") && site.contains("<p>Said 12</p>"));
        // Every comments feed is dated by the newest comment it could list.
        assert_eq!(
            site.matches("<lastBuildDate>Thu, 12 Jan 2023 10:00:00 +0000</lastBuildDate>")
                .count(),
            1
        );

        let one = &files[1].1;
        assert!(one.contains("<title>Comments on: Item 1</title>"), "{one}");
        assert!(one.contains("<link>https://blog.example/one/</link>"));
        assert!(one.contains("<title>By: Reader 12</title>") && !one.contains("Reader 11<"));
        assert!(one.contains("<lastBuildDate>Thu, 12 Jan 2023 10:00:00 +0000</lastBuildDate>"));
        // A page's channel links to the site.
        let two = &files[2].1;
        assert!(
            two.contains("<title>Comments on: Item 2</title>")
                && two.contains("<link>https://blog.example</link>"),
            "{two}"
        );
        // No comments: a feed all the same, as WordPress serves one.
        assert!(!files[3].1.contains("<item>") && files[3].1.contains("<channel>"));
        // Each comment sanitised once, though in two feeds.
        let mut once = sanitized.clone();
        once.sort();
        once.dedup();
        assert_eq!(once.len(), sanitized.len());
        assert_eq!(sanitized.len(), 12);
    }
}
