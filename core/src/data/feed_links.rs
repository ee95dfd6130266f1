//! The feeds a page's `<head>` points feed readers at, as WordPress 6.1
//! prints them: `feed_links()` on every page (the site's posts and its
//! comments), then `feed_links_extra()` on a post or page (its comments), a
//! category, a tag or an author archive (its posts). The shell carries the
//! site-wide two (the prerenderer titles them); each prerendered page adds
//! its own.

use crate::data::share_meta::escape_attr;

/// The site's posts.
pub const SITE_FEED_PATH: &str = "/feed/";
/// The newest comments of the whole site.
pub const COMMENTS_FEED_PATH: &str = "/comments/feed/";

/// One `<link rel="alternate" type="application/rss+xml">`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedLink {
    /// Plain text.
    pub title: String,
    /// Site-relative: `/feed/`, `/a-post/feed/`.
    pub path: String,
}

/// What a page's own feed is of (`feed_links_extra`'s cases this site
/// serves; date archives and the home page have none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extra<'a> {
    /// A post's or page's comments: its title.
    Comments(&'a str),
    /// A category's posts: its name.
    Category(&'a str),
    Tag(&'a str),
    /// An author's posts: their display name.
    Author(&'a str),
}

/// The feed of the page at `page_path` (its first page's: `/a/`,
/// `/category/x/`): `page_path` + `feed/`, as WordPress's feed rewrites.
pub fn feed_path(page_path: &str) -> String {
    format!("{}/feed/", page_path.trim_end_matches('/'))
}

/// The two every page carries, titled as WordPress titles them.
pub fn site_wide(site_name: &str) -> [FeedLink; 2] {
    [
        FeedLink {
            title: format!("{site_name} » Feed"),
            path: SITE_FEED_PATH.to_string(),
        },
        FeedLink {
            title: format!("{site_name} » Comments Feed"),
            path: COMMENTS_FEED_PATH.to_string(),
        },
    ]
}

/// A page's own feed, at `feed_path(page_path)`.
pub fn extra(site_name: &str, of: Extra<'_>, page_path: &str) -> FeedLink {
    let title = match of {
        Extra::Comments(title) => format!("{site_name} » {title} Comments Feed"),
        Extra::Category(name) => format!("{site_name} » {name} Category Feed"),
        Extra::Tag(name) => format!("{site_name} » {name} Tag Feed"),
        Extra::Author(name) => format!("{site_name} » Posts by {name} Feed"),
    };
    FeedLink {
        title,
        path: feed_path(page_path),
    }
}

/// Whether a post's or page's head names its comments feed, as
/// `feed_links_extra()` decides: comments or pings open, or comments it
/// already has.
pub fn names_comments_feed(comments_open: bool, pings_open: bool, comment_count: usize) -> bool {
    comments_open || pings_open || comment_count > 0
}

impl FeedLink {
    /// The tag, its address on `site_url` (the site's address without a
    /// trailing `/`; empty for a site-relative one).
    pub fn to_html(&self, site_url: &str) -> String {
        format!(
            "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"{}\" href=\"{}\" />",
            escape_attr(&self.title),
            escape_attr(&format!("{}{}", site_url.trim_end_matches('/'), self.path))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titled_and_placed_as_wordpress_prints_them() {
        let [posts, comments] = site_wide("Notes & Co");
        assert_eq!(posts.title, "Notes & Co » Feed");
        assert_eq!(posts.path, "/feed/");
        assert_eq!(comments.title, "Notes & Co » Comments Feed");
        assert_eq!(comments.path, "/comments/feed/");
        assert_eq!(
            comments.to_html(""),
            r#"<link rel="alternate" type="application/rss+xml" title="Notes &amp; Co » Comments Feed" href="/comments/feed/" />"#
        );
        let cases = [
            (
                Extra::Comments("Why “slow”"),
                "/why-slow/",
                "Site » Why “slow” Comments Feed",
                "/why-slow/feed/",
            ),
            (
                Extra::Category("Book notes"),
                "/category/practice/book-notes/",
                "Site » Book notes Category Feed",
                "/category/practice/book-notes/feed/",
            ),
            (
                Extra::Tag("reading"),
                "/tag/reading/",
                "Site » reading Tag Feed",
                "/tag/reading/feed/",
            ),
            (
                Extra::Author("Arjun"),
                "/author/arjun/",
                "Site » Posts by Arjun Feed",
                "/author/arjun/feed/",
            ),
            (
                Extra::Comments("Founders"),
                "/about/team/founders",
                "Site » Founders Comments Feed",
                "/about/team/founders/feed/",
            ),
        ];
        for (of, page, title, path) in cases {
            let link = extra("Site", of, page);
            assert_eq!(
                (link.title.as_str(), link.path.as_str()),
                (title, path),
                "{of:?}"
            );
        }
        assert_eq!(
            extra("Site", Extra::Tag("a\"b"), "/tag/x/").to_html("https://blog.example/"),
            r#"<link rel="alternate" type="application/rss+xml" title="Site » a&quot;b Tag Feed" href="https://blog.example/tag/x/feed/" />"#
        );
    }

    #[test]
    fn a_closed_post_names_its_feed_only_while_it_has_comments() {
        assert!(names_comments_feed(true, false, 0));
        assert!(names_comments_feed(false, true, 0));
        assert!(names_comments_feed(false, false, 3));
        assert!(!names_comments_feed(false, false, 0));
    }
}
