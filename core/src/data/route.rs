//! The app's routes mirror WordPress's pretty permalinks (`/%postname%/`), so
//! a site's existing links keep working after the move to this frontend.
//!
//! Matching is done here, not by the router's path patterns: a trailing slash
//! is optional everywhere, and the rules can be tested natively.
//!
//! How a path resolves, in WordPress's own order (its rewrite rules with
//! "verbose page rules", which `/%postname%/` turns on):
//! 1. a reserved first segment (`category`, `tag`, `author`, `search`,
//!    `page`) is that archive, or nothing;
//! 2. a year (`/2023/`, `/2023/01/`, `/2023/01/05/`) is a date archive
//!    (WordPress refuses post slugs that look like dates);
//! 3. anything else is singular: a page at that full path if there is one,
//!    else, for one segment or a dated permalink (`/2021/06/15/<slug>/`:
//!    a year, then more than numbers), the post with that slug (`Singular`; the page
//!    decides between the two once it has asked, see
//!    [`crate::data::singular`]). A last segment of digits is the part of a
//!    post split with `<!--nextpage-->` (`/slug/2/`).

use crate::data::dates::MONTHS;
use crate::data::query::{decode_component, encode_component};

/// A page of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/` and `/page/N/`: the newest posts.
    Home { page: u32 },
    /// `/?s=<terms>` (and `/page/N/?s=`), `/search/<terms>/[page/N/]`.
    Search { terms: String, page: u32 },
    /// A list of posts filed under a term, written by an author or published
    /// in a period, with its `/page/N/`.
    Archive { archive: Archive, page: u32 },
    /// A post or a page: its path without slashes at the ends
    /// (`about/team`, lowercase, percent-escapes kept), and the part of a
    /// split post (1 for the first).
    Singular { path: String, part: u32 },
    /// Anything else.
    NotFound,
}

/// What an archive lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Archive {
    /// A category by its path: its ancestors' slugs and its own
    /// (`practice/reading`), as WordPress links a child category; the
    /// category is the last one.
    Category(String),
    Tag(String),
    Author(String),
    Date(DateArchive),
}

/// `/YYYY/`, `/YYYY/MM/`, `/YYYY/MM/DD/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateArchive {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// First segments WordPress reserves; never a post or page path.
pub const RESERVED: &[&str] = &[
    "category",
    "page",
    "tag",
    "author",
    "search",
    "feed",
    "wp-json",
    "wp-admin",
    "wp-content",
    "wp-includes",
    "comments",
];

/// Pages nest, but not without end: deeper paths are not looked up.
pub const MAX_DEPTH: usize = 8;

impl Route {
    /// Matches a location's path (no query, no fragment).
    pub fn parse(path: &str) -> Route {
        Route::from_location(path, "")
    }

    /// Matches a location's path and query (`?s=…` is a search, as on
    /// WordPress, wherever the path lists posts).
    pub fn from_location(path: &str, query: &str) -> Route {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let route = match segments.as_slice() {
            [] => Route::Home { page: 1 },
            ["page", n] => paged(n, |page| Route::Home { page }),
            ["search", terms, rest @ ..] => {
                let terms = decode_component(terms);
                with_page(rest, |page| Route::Search { terms, page })
            }
            ["category", rest @ ..] => category(rest),
            [kind @ ("tag" | "author"), slug, rest @ ..] if is_slug(slug) => {
                let slug = slug.to_ascii_lowercase();
                let archive = match *kind {
                    "tag" => Archive::Tag(slug),
                    _ => Archive::Author(slug),
                };
                with_page(rest, |page| Route::Archive { archive, page })
            }
            [first, ..] if RESERVED.contains(first) => Route::NotFound,
            [year, ..] if is_year(year) => match date_archive(&segments) {
                // A dated permalink (`/%year%/%monthnum%/%day%/%postname%/`,
                // `/%year%/%monthnum%/%postname%/`): the post it ends with.
                Route::NotFound if segments.iter().any(|s| !is_number(s) && *s != "page") => {
                    singular(&segments)
                }
                route => route,
            },
            _ => singular(&segments),
        };
        match (search_terms(query), route) {
            (Some(terms), Route::Home { page }) => Route::Search { terms, page },
            (_, route) => route,
        }
    }

    /// The canonical path, with WordPress's trailing slash (a search as
    /// WordPress links it, `/?s=…`).
    pub fn path(&self) -> String {
        match self {
            Route::Home { page } => format!("/{}", page_suffix(*page)),
            Route::Search { terms, page } => {
                format!("/{}?s={}", page_suffix(*page), encode_component(terms))
            }
            Route::Archive { archive, page } => {
                format!("{}{}", archive.path(), page_suffix(*page))
            }
            Route::Singular { path, part } if *part > 1 => format!("/{path}/{part}/"),
            Route::Singular { path, .. } => format!("/{path}/"),
            Route::NotFound => "/".to_string(),
        }
    }

    /// Whether a singular path may be a post's, not only a page's: one
    /// segment (`/%postname%/`), or a dated permalink (a year first).
    pub fn may_be_post(path: &str) -> bool {
        let first = path.split('/').next().unwrap_or_default();
        !path.contains('/') || is_year(first)
    }

    /// A post's address: `/<slug>/`.
    pub fn post(slug: &str) -> Route {
        Route::Singular {
            path: slug.to_ascii_lowercase(),
            part: 1,
        }
    }

    /// The same list at another page number (`None` for what is not a list).
    pub fn with_page(&self, n: u32) -> Option<Route> {
        Some(match self {
            Route::Home { .. } => Route::Home { page: n },
            Route::Search { terms, .. } => Route::Search {
                terms: terms.clone(),
                page: n,
            },
            Route::Archive { archive, .. } => Route::Archive {
                archive: archive.clone(),
                page: n,
            },
            _ => return None,
        })
    }
}

impl Archive {
    /// A category's archive from its WordPress link (`…/category/a/b/`:
    /// a child category's path names its ancestors), else by its slug.
    pub fn category(slug: &str, link: &str) -> Archive {
        let path = link
            .split_once("/category/")
            .map(|(_, rest)| rest.split(['?', '#']).next().unwrap_or_default())
            .and_then(|rest| {
                category_path(
                    &rest
                        .split('/')
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|path| {
                path.rsplit('/')
                    .next()
                    .is_some_and(|last| last.eq_ignore_ascii_case(slug))
            });
        Archive::Category(path.unwrap_or_else(|| slug.to_ascii_lowercase()))
    }

    /// The slug the archive's term or author is asked for by: a category's
    /// own (the last of its path).
    pub fn slug(&self) -> Option<&str> {
        match self {
            Archive::Category(path) => path.rsplit('/').next(),
            Archive::Tag(slug) | Archive::Author(slug) => Some(slug),
            Archive::Date(_) => None,
        }
    }

    /// The first page's path.
    pub fn path(&self) -> String {
        match self {
            Archive::Category(path) => format!("/category/{path}/"),
            Archive::Tag(slug) => format!("/tag/{slug}/"),
            Archive::Author(slug) => format!("/author/{slug}/"),
            Archive::Date(d) => d.path(),
        }
    }

    /// The page's description, for search results and link previews.
    pub fn description(&self, name: &str) -> String {
        match self {
            Archive::Author(_) => format!("Posts by {name}"),
            Archive::Date(_) => format!("Posts published in {name}"),
            _ => format!("Posts filed under {name}"),
        }
    }

    /// What kind of list this is, as its heading says it: "Category".
    pub fn kind_label(&self) -> &'static str {
        match self {
            Archive::Category(_) => "Category",
            Archive::Tag(_) => "Tag",
            Archive::Author(_) => "Author",
            Archive::Date(DateArchive { month: None, .. }) => "Year",
            Archive::Date(DateArchive { day: None, .. }) => "Month",
            Archive::Date(_) => "Day",
        }
    }
}

impl DateArchive {
    pub fn path(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("/{:04}/{m:02}/{d:02}/", self.year),
            (Some(m), None) => format!("/{:04}/{m:02}/", self.year),
            _ => format!("/{:04}/", self.year),
        }
    }

    /// "2013", "January 2013", "5 January 2013" (as the app writes dates).
    pub fn label(&self) -> String {
        let month = self
            .month
            .and_then(|m| MONTHS.get(usize::from(m).checked_sub(1)?));
        match (month, self.day) {
            (Some(m), Some(d)) => format!("{d} {m} {}", self.year),
            (Some(m), None) => format!("{m} {}", self.year),
            _ => self.year.to_string(),
        }
    }

    /// The period as the REST API's exclusive bounds on the local
    /// `post_date`: the last second before it, the first second after it.
    pub fn bounds(&self) -> (String, String) {
        let (y, m, d) = (i32::from(self.year), self.month, self.day);
        let (start, end) = match (m, d) {
            (Some(m), Some(d)) => {
                let day = (y, m, d);
                (day, next_day(day))
            }
            (Some(m), None) => (
                (y, m, 1),
                if m == 12 {
                    (y + 1, 1, 1)
                } else {
                    (y, m + 1, 1)
                },
            ),
            _ => ((y, 1, 1), (y + 1, 1, 1)),
        };
        let (py, pm, pd) = previous_day(start);
        (
            format!("{py:04}-{pm:02}-{pd:02}T23:59:59"),
            format!("{:04}-{:02}-{:02}T00:00:00", end.0, end.1, end.2),
        )
    }

    /// The archives a post published at `date` (`2023-03-14T11:00:00`) is
    /// listed in: its year, month and day.
    pub fn containing(date: &str) -> Option<[DateArchive; 3]> {
        let year: u16 = date.get(0..4)?.parse().ok()?;
        let month: u8 = date.get(5..7)?.parse().ok()?;
        let day: u8 = date.get(8..10)?.parse().ok()?;
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in(i32::from(year), month);
        valid.then_some([
            DateArchive {
                year,
                month: None,
                day: None,
            },
            DateArchive {
                year,
                month: Some(month),
                day: None,
            },
            DateArchive {
                year,
                month: Some(month),
                day: Some(day),
            },
        ])
    }
}

fn date_archive(segments: &[&str]) -> Route {
    let number = |s: &str| -> Option<u8> {
        (s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year: u16 = segments[0].parse().unwrap_or(0);
    let (date, rest) = match segments {
        [_, m, d, rest @ ..] if number(m).is_some() && number(d).is_some() => (
            DateArchive {
                year,
                month: number(m),
                day: number(d),
            },
            rest,
        ),
        [_, m, rest @ ..] if number(m).is_some() => (
            DateArchive {
                year,
                month: number(m),
                day: None,
            },
            rest,
        ),
        [_, rest @ ..] => (
            DateArchive {
                year,
                month: None,
                day: None,
            },
            rest,
        ),
        [] => return Route::NotFound,
    };
    let month_ok = date.month.is_none_or(|m| (1..=12).contains(&m));
    let day_ok = match (date.month, date.day) {
        (Some(m), Some(d)) => d >= 1 && d <= days_in(i32::from(year), m),
        _ => true,
    };
    if !month_ok || !day_ok {
        return Route::NotFound;
    }
    with_page(rest, |page| Route::Archive {
        archive: Archive::Date(date),
        page,
    })
}

fn singular(segments: &[&str]) -> Route {
    let (path, part) = match segments {
        [path @ .., n] if !path.is_empty() && is_number(n) => match page_number(n) {
            Some(part) => (path, part),
            None => return Route::NotFound,
        },
        path => (path, 1),
    };
    if path.len() > MAX_DEPTH || !path.iter().all(|s| is_slug(s)) {
        return Route::NotFound;
    }
    // WordPress gives no page an all-digit slug (`wp_unique_post_slug`
    // adds `-2`) and a post never nests: a nested path ending in digits
    // (`/2/4/1/`) names nothing (and `/2/4/` is the part 4 of `/2/`).
    if path.len() > 1 && path.last().is_some_and(|s| is_number(s)) {
        return Route::NotFound;
    }
    Route::Singular {
        path: path.join("/").to_ascii_lowercase(),
        part,
    }
}

/// `/category/<slug>/…`: a category by its path, as deep as categories
/// nest, then its `/page/N/` (its `/feed/` is a file of the bundle's).
/// WordPress finds the category by the last slug alone (`wp_basename` of
/// the path).
fn category(segments: &[&str]) -> Route {
    let (path, rest) = match segments.iter().position(|s| matches!(*s, "page" | "feed")) {
        Some(at) => segments.split_at(at),
        None => (segments, &[][..]),
    };
    match category_path(path) {
        Some(path) => with_page(rest, |page| Route::Archive {
            archive: Archive::Category(path),
            page,
        }),
        None => Route::NotFound,
    }
}

/// A category's path from its segments, if they can be one: slugs, no
/// deeper than pages nest.
fn category_path(segments: &[&str]) -> Option<String> {
    (!segments.is_empty() && segments.len() <= MAX_DEPTH && segments.iter().all(|s| is_slug(s)))
        .then(|| segments.join("/").to_ascii_lowercase())
}

/// `rest` is empty (page 1) or `page/N`.
fn with_page(rest: &[&str], route: impl FnOnce(u32) -> Route) -> Route {
    match rest {
        [] => route(1),
        ["page", n] => paged(n, route),
        _ => Route::NotFound,
    }
}

fn paged(n: &str, route: impl FnOnce(u32) -> Route) -> Route {
    page_number(n).map_or(Route::NotFound, route)
}

fn page_suffix(page: u32) -> String {
    if page > 1 {
        format!("page/{page}/")
    } else {
        String::new()
    }
}

/// The `s` parameter of a query string (`?s=a+b` → `a b`), if present.
pub fn search_terms(query: &str) -> Option<String> {
    query
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("s="))
        .map(decode_component)
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `1`, `2`, ... (WordPress redirects `/page/1/` home; here it simply is home).
fn page_number(s: &str) -> Option<u32> {
    if !is_number(s) {
        return None;
    }
    s.parse::<u32>().ok().filter(|&n| n >= 1)
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && is_number(s)
}

/// Slugs are URL path segments: lowercase words, digits, hyphens, underscores,
/// and percent-encoded UTF-8 for non-Latin titles.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 200
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'%' | b'.'))
        && s != "."
        && s != ".."
}

fn days_in(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn next_day((y, m, d): (i32, u8, u8)) -> (i32, u8, u8) {
    if d < days_in(y, m) {
        (y, m, d + 1)
    } else if m < 12 {
        (y, m + 1, 1)
    } else {
        (y + 1, 1, 1)
    }
}

fn previous_day((y, m, d): (i32, u8, u8)) -> (i32, u8, u8) {
    if d > 1 {
        (y, m, d - 1)
    } else if m > 1 {
        (y, m - 1, days_in(y, m - 1))
    } else {
        (y - 1, 12, 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_category_is_asked_for_by_its_own_slug_and_linked_by_its_path() {
        let child = Archive::category(
            "reading-lists",
            "https://cms.example/blog/category/practice-notes/reading-lists/",
        );
        assert_eq!(child.path(), "/category/practice-notes/reading-lists/");
        assert_eq!(child.slug(), Some("reading-lists"));
        assert_eq!(
            Route::parse(&child.path()),
            Route::Archive {
                archive: child,
                page: 1
            }
        );
        // A link that is not the category's own (another base, a plain
        // permalink, another slug) falls back to its slug.
        for link in [
            "",
            "https://cms.example/?cat=3",
            "https://cms.example/topics/reading-lists/",
            "https://cms.example/category/other/",
            "https://cms.example/category/a/../reading-lists/",
        ] {
            assert_eq!(
                Archive::category("reading-lists", link).path(),
                "/category/reading-lists/",
                "{link}"
            );
        }
        assert_eq!(Archive::Tag("calm".into()).slug(), Some("calm"));
    }

    fn single(path: &str, part: u32) -> Route {
        Route::Singular {
            path: path.into(),
            part,
        }
    }

    fn archive(archive: Archive, page: u32) -> Route {
        Route::Archive { archive, page }
    }

    fn date(year: u16, month: Option<u8>, day: Option<u8>) -> Archive {
        Archive::Date(DateArchive { year, month, day })
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
                Route::post("therapist-client-connection"),
            ),
            (
                "/therapist-client-connection",
                Route::post("therapist-client-connection"),
            ),
            ("/%e0%a4%b9%e0%a4%bf/", Route::post("%e0%a4%b9%e0%a4%bf")),
            // Percent-escapes and letters compare without case, as WordPress's
            // lookups do.
            ("/%E0%A4%B9%E0%A4%BF/", Route::post("%e0%a4%b9%e0%a4%bf")),
            ("/About/", Route::post("about")),
            (
                "/category/therapy/",
                archive(Archive::Category("therapy".into()), 1),
            ),
            (
                "/category/therapy",
                archive(Archive::Category("therapy".into()), 1),
            ),
            (
                "/category/therapy/page/3/",
                archive(Archive::Category("therapy".into()), 3),
            ),
            // A child category, by its ancestors' path, as WordPress links it.
            (
                "/category/Practice-Notes/reading-lists/",
                archive(Archive::Category("practice-notes/reading-lists".into()), 1),
            ),
            (
                "/category/a/b/c/page/2",
                archive(Archive::Category("a/b/c".into()), 2),
            ),
            ("/tag/calm/", archive(Archive::Tag("calm".into()), 1)),
            ("/tag/calm/page/2", archive(Archive::Tag("calm".into()), 2)),
            (
                "/tag/%ce%b7%cf%81%ce%b5%ce%bc%ce%af%ce%b1/",
                archive(
                    Archive::Tag("%ce%b7%cf%81%ce%b5%ce%bc%ce%af%ce%b1".into()),
                    1,
                ),
            ),
            (
                "/author/nidhi/",
                archive(Archive::Author("nidhi".into()), 1),
            ),
            (
                "/author/nidhi/page/4/",
                archive(Archive::Author("nidhi".into()), 4),
            ),
            ("/2013/", archive(date(2013, None, None), 1)),
            ("/2013/01/", archive(date(2013, Some(1), None), 1)),
            ("/2013/1/", archive(date(2013, Some(1), None), 1)),
            ("/2013/01/05/", archive(date(2013, Some(1), Some(5)), 1)),
            ("/2013/01/page/2/", archive(date(2013, Some(1), None), 2)),
            ("/2024/02/29/", archive(date(2024, Some(2), Some(29)), 1)),
            // Dated permalinks: the post they end with, and its parts.
            ("/2013/01/05/a-post/", single("2013/01/05/a-post", 1)),
            ("/2013/01/a-post/", single("2013/01/a-post", 1)),
            ("/2013/01/05/a-post/3/", single("2013/01/05/a-post", 3)),
            (
                "/search/calm%20rooms/",
                Route::Search {
                    terms: "calm rooms".into(),
                    page: 1,
                },
            ),
            (
                "/search/calm/page/2/",
                Route::Search {
                    terms: "calm".into(),
                    page: 2,
                },
            ),
            ("/about/", single("about", 1)),
            ("/about/team/", single("about/team", 1)),
            ("/about/team/founders/", single("about/team/founders", 1)),
            (
                "/%cf%83%cf%87%ce%b5%cf%84%ce%b9%ce%ba%ce%ac/",
                single("%cf%83%cf%87%ce%b5%cf%84%ce%b9%ce%ba%ce%ac", 1),
            ),
            // `<!--nextpage-->` parts.
            ("/a-long-read/2/", single("a-long-read", 2)),
            ("/a-long-read/2", single("a-long-read", 2)),
            ("/a-long-read/1/", single("a-long-read", 1)),
            ("/about/team/3/", single("about/team", 3)),
        ];
        for (path, want) in cases {
            assert_eq!(Route::parse(path), want, "{path}");
        }
    }

    #[test]
    fn a_search_is_the_s_parameter_where_posts_are_listed() {
        let search = |terms: &str, page| Route::Search {
            terms: terms.into(),
            page,
        };
        assert_eq!(Route::from_location("/", "?s=lorem"), search("lorem", 1));
        assert_eq!(Route::from_location("/", "s=a+b%26c"), search("a b&c", 1));
        assert_eq!(
            Route::from_location("/page/2/", "?s=lorem"),
            search("lorem", 2)
        );
        assert_eq!(Route::from_location("/", "?s="), search("", 1));
        assert_eq!(
            Route::from_location("/", "?x=1&s=%E2%9C%93"),
            search("✓", 1)
        );
        // Not a search: another parameter, or a page that lists no posts.
        assert_eq!(Route::from_location("/", "?ss=1"), Route::Home { page: 1 });
        assert_eq!(Route::from_location("/about/", "?s=x"), single("about", 1));
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
            "/category/page/2/",
            "/category/a/feed/",
            "/category/a/b/feed/",
            "/category/a/b/c/d/e/f/g/h/i/",
            "/category/a/../",
            "/tag/a/b/",
            "/tag/",
            "/author/a/page/",
            "/wp-json/",
            "/feed/",
            "/search/",
            "/..",
            "/<script>/",
            "/hello world/",
            "/2013/13/",
            "/2013/02/30/",
            "/2023/02/29/",
            "/2013/01/05/06/",
            "/about/0/",
            "/2/4/1/",
            "/about/5/1/",
            "/a/b/c/d/e/f/g/h/i/",
        ] {
            assert_eq!(Route::parse(path), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn paths_round_trip() {
        for route in [
            Route::Home { page: 1 },
            Route::Home { page: 4 },
            Route::post("a-post"),
            single("about/team", 1),
            single("a-post", 3),
            archive(Archive::Category("therapy".into()), 1),
            archive(Archive::Category("therapy".into()), 2),
            archive(Archive::Tag("calm".into()), 2),
            archive(Archive::Author("nidhi".into()), 1),
            archive(date(2013, None, None), 1),
            archive(date(2013, Some(1), None), 3),
            archive(date(2013, Some(12), Some(31)), 1),
        ] {
            assert_eq!(Route::parse(&route.path()), route);
        }
        for (terms, page) in [
            ("lorem", 1),
            ("a b & c", 2),
            ("“quotes” <script>", 1),
            ("שלום", 1),
        ] {
            let route = Route::Search {
                terms: terms.into(),
                page,
            };
            let path = route.path();
            let (p, q) = path.split_once('?').unwrap();
            assert_eq!(Route::from_location(p, q), route, "{path}");
        }
    }

    #[test]
    fn date_archives_have_exclusive_bounds_and_labels() {
        let d = |y, m, d| DateArchive {
            year: y,
            month: m,
            day: d,
        };
        let bounds = |a: DateArchive| {
            let (x, y) = a.bounds();
            (x, y)
        };
        assert_eq!(
            bounds(d(2013, None, None)),
            ("2012-12-31T23:59:59".into(), "2014-01-01T00:00:00".into())
        );
        assert_eq!(
            bounds(d(2013, Some(1), None)),
            ("2012-12-31T23:59:59".into(), "2013-02-01T00:00:00".into())
        );
        assert_eq!(
            bounds(d(2013, Some(12), None)),
            ("2013-11-30T23:59:59".into(), "2014-01-01T00:00:00".into())
        );
        assert_eq!(
            bounds(d(2024, Some(3), Some(1))),
            ("2024-02-29T23:59:59".into(), "2024-03-02T00:00:00".into())
        );
        assert_eq!(
            bounds(d(2013, Some(12), Some(31))),
            ("2013-12-30T23:59:59".into(), "2014-01-01T00:00:00".into())
        );
        assert_eq!(d(2013, None, None).label(), "2013");
        assert_eq!(d(2013, Some(1), None).label(), "January 2013");
        assert_eq!(d(2013, Some(1), Some(5)).label(), "5 January 2013");
        assert_eq!(
            DateArchive::containing("2023-03-14T11:00:00").map(|a| a.map(|x| x.path())),
            Some(["/2023/".into(), "/2023/03/".into(), "/2023/03/14/".into()])
        );
        assert_eq!(DateArchive::containing("2023-02-30T00:00:00"), None);
        assert_eq!(DateArchive::containing("x"), None);
    }
}
