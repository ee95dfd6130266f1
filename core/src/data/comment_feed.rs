//! The comments feeds WordPress serves beside its posts' feeds, written as
//! WordPress 6.1 writes them (`wp-includes/feed-rss2-comments.php`): the
//! site's newest comments (`/comments/feed/`, "Comments for <site>") and
//! one post's or page's (`<its address>feed/`, "Comments on: <title>"),
//! the newest `posts_per_rss` of each, newest first.
//!
//! As in [`crate::data::feed`], nothing here sanitises: a comment's HTML
//! is handed in already through the pages' allowlist.

use crate::data::comment::Comment;
use crate::data::entities::html_to_text;
use crate::data::feed::{Channel, Item, UtcDateTime};

/// What a comment's item says of the post or page it is on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Commented {
    /// Plain text.
    pub title: String,
    /// The frontend's absolute address of its (first) page.
    pub link: String,
    /// WordPress's own identifier of it (`https://…/?p=5`): a comment's is
    /// this and its anchor.
    pub guid: String,
    /// A page's comments feed links its channel to the site, a post's to
    /// the post (`is_single()`).
    pub is_page: bool,
}

/// The `limit` newest of `comments` by `date_gmt`, newest first (equal
/// dates: the later comment first).
pub fn newest<'a>(
    comments: impl IntoIterator<Item = &'a Comment>,
    limit: usize,
) -> Vec<&'a Comment> {
    let mut comments: Vec<&Comment> = comments.into_iter().collect();
    comments.sort_by_key(|c| std::cmp::Reverse((UtcDateTime::parse(&c.date_gmt), c.id)));
    comments.truncate(limit);
    comments
}

/// When the site's comments last changed, which every comments feed gives
/// as its `lastBuildDate` (`get_lastcommentmodified()`): the newest
/// comment's date.
pub fn last_comment<'a>(comments: impl IntoIterator<Item = &'a Comment>) -> Option<UtcDateTime> {
    comments
        .into_iter()
        .filter_map(|c| UtcDateTime::parse(&c.date_gmt))
        .max()
}

/// A comment as a feed item. `site_wide`: in the site's feed its title
/// names the post ("Comment on <post> by <author>"), in the post's own
/// only its author ("By: <author>").
pub fn item(comment: &Comment, on: &Commented, site_wide: bool, content_html: String) -> Item {
    let author = comment.display_author();
    let date = UtcDateTime::parse(&comment.date_gmt);
    let anchor = comment.anchor();
    Item {
        title: if site_wide {
            format!("Comment on {} by {author}", on.title)
        } else {
            format!("By: {author}")
        },
        link: format!("{}#{anchor}", on.link),
        creator: author,
        published: date,
        modified: date,
        categories: Vec::new(),
        guid: format!("{}#{anchor}", on.guid),
        description: html_to_text(&comment.content.rendered),
        content_html,
    }
}

/// The site's comments feed.
pub fn site_channel(site_name: &str, site_url: &str, tagline: &str, self_url: &str) -> Channel {
    Channel {
        title: format!("Comments for {site_name}"),
        link: site_url.to_string(),
        description: tagline.to_string(),
        self_url: self_url.to_string(),
        ..Channel::default()
    }
}

/// One post's or page's comments feed.
pub fn singular_channel(on: &Commented, site_url: &str, tagline: &str, self_url: &str) -> Channel {
    Channel {
        title: format!("Comments on: {}", on.title),
        link: if on.is_page {
            site_url.to_string()
        } else {
            on.link.clone()
        },
        description: tagline.to_string(),
        self_url: self_url.to_string(),
        ..Channel::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: u64, date_gmt: &str, author: &str, html: &str) -> Comment {
        Comment {
            id,
            post: 7,
            author_name: author.into(),
            date_gmt: date_gmt.into(),
            content: crate::data::models::Rendered {
                rendered: html.into(),
                ..Default::default()
            },
            status: "approved".into(),
            ..Comment::default()
        }
    }

    fn on() -> Commented {
        Commented {
            title: "Why “slow” reading helps".into(),
            link: "https://blog.example/why-slow/".into(),
            guid: "https://cms.example/?p=7".into(),
            is_page: false,
        }
    }

    #[test]
    fn newest_first_and_as_many_as_a_feed_holds() {
        let all = [
            comment(1, "2023-01-01T10:00:00", "A", ""),
            comment(2, "2023-03-01T10:00:00", "B", ""),
            comment(3, "2023-02-01T10:00:00", "C", ""),
            comment(4, "2023-03-01T10:00:00", "D", ""),
        ];
        let ids = |v: Vec<&Comment>| v.iter().map(|c| c.id).collect::<Vec<_>>();
        assert_eq!(ids(newest(&all, 10)), [4, 2, 3, 1]);
        assert_eq!(ids(newest(&all, 2)), [4, 2]);
        assert_eq!(
            last_comment(&all),
            UtcDateTime::parse("2023-03-01T10:00:00")
        );
        assert_eq!(last_comment(&[]), None);
    }

    #[test]
    fn items_and_channels_say_what_wordpress_says() {
        let c = comment(
            5,
            "2023-03-14T05:30:00",
            "Mira &amp; Jo",
            "<p>So <em>true</em> &amp; kind</p>\n",
        );
        let in_site = item(&c, &on(), true, "<p>So <em>true</em> &amp; kind</p>".into());
        assert_eq!(
            in_site.title,
            "Comment on Why “slow” reading helps by Mira & Jo"
        );
        assert_eq!(in_site.link, "https://blog.example/why-slow/#comment-5");
        assert_eq!(in_site.guid, "https://cms.example/?p=7#comment-5");
        assert_eq!(in_site.creator, "Mira & Jo");
        assert_eq!(in_site.description, "So true & kind");
        assert!(in_site.categories.is_empty());
        let in_post = item(&comment(6, "", "", ""), &on(), false, String::new());
        assert_eq!(in_post.title, "By: Anonymous");
        assert_eq!(in_post.published, None);

        let site = site_channel(
            "Notes",
            "https://blog.example",
            "Reflections",
            "https://blog.example/comments/feed/",
        );
        assert_eq!(site.title, "Comments for Notes");
        assert_eq!(site.link, "https://blog.example");
        // No <language>: WordPress's comments feeds carry none.
        assert!(!site.to_xml().contains("<language>"));
        let post = singular_channel(
            &on(),
            "https://blog.example",
            "",
            "https://blog.example/why-slow/feed/",
        );
        assert_eq!(post.title, "Comments on: Why “slow” reading helps");
        assert_eq!(post.link, "https://blog.example/why-slow/");
        let page = singular_channel(
            &Commented {
                is_page: true,
                ..on()
            },
            "https://blog.example",
            "",
            "",
        );
        assert_eq!(page.link, "https://blog.example");

        // Every comments feed is as new as the site's newest comment.
        let xml = Channel {
            items: vec![in_post],
            built: UtcDateTime::parse("2024-01-02T03:04:05"),
            ..post
        }
        .to_xml();
        assert!(
            xml.contains("<lastBuildDate>Tue, 02 Jan 2024 03:04:05 +0000</lastBuildDate>"),
            "{xml}"
        );
        assert!(xml.contains("<title>By: Anonymous</title>"), "{xml}");
        assert!(!xml.contains("<pubDate>"), "{xml}");
    }
}
