//! The app's routes mirror WordPress's pretty permalinks (`/%postname%/`), so
//! a site's existing links keep working after the move to this frontend.
//!
//! Matching is done here, not by the router's path patterns: a trailing slash
//! is optional everywhere, and the rules can be tested natively.

/// A page of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/` and `/page/N/`: the newest posts.
    Home { page: u32 },
    /// `/<slug>/`: one article.
    Post { slug: String },
    /// `/category/<slug>/` and `/category/<slug>/page/N/`.
    Category { slug: String, page: u32 },
    /// Anything else.
    NotFound,
}

/// First segments WordPress reserves; never a post slug.
const RESERVED: &[&str] = &[
    "category",
    "page",
    "tag",
    "author",
    "feed",
    "wp-json",
    "wp-admin",
    "wp-content",
    "wp-includes",
    "comments",
];

impl Route {
    /// Matches a location's path (no query, no fragment).
    pub fn parse(path: &str) -> Route {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Route::Home { page: 1 },
            ["page", n] => page_number(n).map_or(Route::NotFound, |page| Route::Home { page }),
            ["category", slug] if is_slug(slug) => Route::Category {
                slug: slug.to_string(),
                page: 1,
            },
            ["category", slug, "page", n] if is_slug(slug) => {
                page_number(n).map_or(Route::NotFound, |page| Route::Category {
                    slug: slug.to_string(),
                    page,
                })
            }
            [slug] if is_slug(slug) && !RESERVED.contains(slug) => Route::Post {
                slug: slug.to_string(),
            },
            _ => Route::NotFound,
        }
    }

    /// The canonical path, with WordPress's trailing slash.
    pub fn path(&self) -> String {
        match self {
            Route::Home { page: 1 } => "/".to_string(),
            Route::Home { page } => format!("/page/{page}/"),
            Route::Post { slug } => format!("/{slug}/"),
            Route::Category { slug, page: 1 } => format!("/category/{slug}/"),
            Route::Category { slug, page } => format!("/category/{slug}/page/{page}/"),
            Route::NotFound => "/".to_string(),
        }
    }
}

/// `1`, `2`, ... (WordPress redirects `/page/1/` home; here it simply is home).
fn page_number(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u32>().ok().filter(|&n| n >= 1)
}

/// Slugs are URL path segments: lowercase words, digits, hyphens, underscores,
/// and percent-encoded UTF-8 for non-Latin titles.
fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'%' | b'.'))
        && s != "."
        && s != ".."
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The early loader in `index.html` decides in JavaScript which paths
    /// are posts; its list of reserved first segments must be this one, or
    /// it fetches for paths the app does not (a wasted request) or misses
    /// some (a slower article).
    #[test]
    fn the_early_loader_reserves_the_same_segments() {
        let html = include_str!("../../../index.html");
        let start = html
            .find("var reserved = [")
            .expect("loader's reserved list")
            + 16;
        let end = start + html[start..].find(']').expect("end of list");
        let loader: Vec<&str> = html[start..end]
            .split(',')
            .map(|s| s.trim().trim_matches('"'))
            .collect();
        assert_eq!(loader, RESERVED);
    }

    fn post(slug: &str) -> Route {
        Route::Post { slug: slug.into() }
    }

    #[test]
    fn matches_wordpress_permalinks_with_or_without_trailing_slash() {
        let cases = [
            ("/", Route::Home { page: 1 }),
            ("", Route::Home { page: 1 }),
            ("/page/2/", Route::Home { page: 2 }),
            ("/page/2", Route::Home { page: 2 }),
            (
                "/therapist-client-connection/",
                post("therapist-client-connection"),
            ),
            (
                "/therapist-client-connection",
                post("therapist-client-connection"),
            ),
            ("/%e0%a4%b9%e0%a4%bf/", post("%e0%a4%b9%e0%a4%bf")),
            (
                "/category/therapy/",
                Route::Category {
                    slug: "therapy".into(),
                    page: 1,
                },
            ),
            (
                "/category/therapy",
                Route::Category {
                    slug: "therapy".into(),
                    page: 1,
                },
            ),
            (
                "/category/therapy/page/3/",
                Route::Category {
                    slug: "therapy".into(),
                    page: 3,
                },
            ),
        ];
        for (path, want) in cases {
            assert_eq!(Route::parse(path), want, "{path}");
        }
    }

    #[test]
    fn everything_else_is_not_found() {
        for path in [
            "/page/0/",
            "/page/x/",
            "/page/",
            "/page/-1/",
            "/page/99999999999/",
            "/category/",
            "/category/a/b/",
            "/a/b/",
            "/wp-json/",
            "/feed/",
            "/..",
            "/<script>/",
            "/hello world/",
        ] {
            assert_eq!(Route::parse(path), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn paths_round_trip() {
        for route in [
            Route::Home { page: 1 },
            Route::Home { page: 4 },
            post("a-post"),
            Route::Category {
                slug: "therapy".into(),
                page: 1,
            },
            Route::Category {
                slug: "therapy".into(),
                page: 2,
            },
        ] {
            assert_eq!(Route::parse(&route.path()), route);
        }
    }
}
