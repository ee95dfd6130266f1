//! What a WordPress site serves besides its pages, written beside the
//! prerendered ones: the RSS feed of the newest posts (`/feed/`), one per
//! category, tag and author (`/category/<slug>/feed/`, `/tag/<slug>/feed/`,
//! `/author/<slug>/feed/`), the comments feeds (`comment_feeds`:
//! `/comments/feed/`, `/<post>/feed/`), `/sitemap.xml` and a `robots.txt`
//! that names it.
//!
//! Feeds are files named `index.xml` in the feed's folder (`dist/feed/index.xml`):
//! hosts serve `/feed/` from them through the rules `scripts/postbuild.mjs`
//! writes (`_redirects` rewrites, `_headers` content type), and never take
//! them for a page (tools that read every `index.html`, such as
//! `configure-dist.mjs`, would). The XML is written by
//! `blog_core::data::{feed, sitemap}`; this module picks the posts and pages
//! and puts each post's content through the pages' own sanitiser.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use blog_core::data::entities::decode_entities;
use blog_core::data::feed::{newest, Channel, Item, UtcDateTime, FEED_ITEMS};
use blog_core::data::feed_links::COMMENTS_FEED_PATH;
use blog_core::data::models::{Post, SiteInfo};
use blog_core::data::route::Route;
use blog_core::data::singular::{home_path, post_path};
use blog_core::data::sitemap::{self, Entry, Limits};
use blog_core::rules::sanitize_native::sanitize_for_page;
use blog_core::rules::sanitize_policy::Source;

use crate::prerender::comment_feeds;
use crate::prerender::crawl::{FeedSource, PageJob, Site};
use crate::prerender::document::file_for;
use crate::transport::wordpress::PostFilter;

/// The site's feed.
pub const FEED_PATH: &str = "/feed/";

/// The file a feed at `path` (`/feed/`, `/category/x/feed/`) is written to.
pub fn feed_file(dist: &Path, path: &str) -> PathBuf {
    file_for(dist, path).with_file_name("index.xml")
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedReport {
    /// Category, tag and author feeds (the site's own feed is always
    /// written).
    pub archive_feeds: usize,
    /// Items in the site's feed.
    pub items: usize,
    /// Posts' and pages' comments feeds (the site's is always written).
    pub comment_feeds: usize,
    pub sitemap_urls: usize,
    /// 1, or the index and its parts.
    pub sitemap_files: usize,
    /// Every file written (relative to `dist/`, `/`-separated), for the
    /// build's manifest: a category feed no longer written is removed.
    pub files: Vec<String>,
}

impl std::fmt::Display for FeedReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "feeds: {FEED_PATH} ({} posts), {} category, tag and author feeds, {COMMENTS_FEED_PATH} and {} posts' and pages' comments feeds; sitemap.xml: {} URLs{}; robots.txt names it",
            self.items,
            self.archive_feeds,
            self.comment_feeds,
            self.sitemap_urls,
            if self.sitemap_files > 1 {
                format!(" in {} parts", self.sitemap_files - 1)
            } else {
                String::new()
            }
        )
    }
}

/// One prerendered page, as the sitemap sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageEntry {
    pub path: String,
    pub lastmod: Option<UtcDateTime>,
    pub in_sitemap: bool,
}

impl PageEntry {
    /// A page's `lastmod`: the crawl's (a post's or page's `modified_gmt`;
    /// a list page's newest change among the posts it lists).
    pub fn of(job: &PageJob) -> PageEntry {
        PageEntry {
            path: job.path.clone(),
            lastmod: job.lastmod.as_deref().and_then(UtcDateTime::parse),
            in_sitemap: job.in_sitemap,
        }
    }
}

/// Writes `/feed/`, the category feeds, the sitemap and `robots.txt` into
/// `dist` for the crawled `site`, published at `site_url`, in `lang`. Call
/// after the page context of `sanitize` is set (the pages' own).
pub fn write_all(
    dist: &Path,
    site: &Site,
    site_url: &str,
    lang: &str,
) -> Result<FeedReport, String> {
    let pages: Vec<PageEntry> = site.pages.iter().map(PageEntry::of).collect();
    let robots = dist.join("robots.txt");
    let existing_robots =
        std::fs::read_to_string(&robots).unwrap_or_else(|_| "User-agent: *\nAllow: /\n".into());
    let mut whole = |post: &Post| site.whole_post(post.id).unwrap_or_else(|| post.clone());
    let mut sanitize = |post: &Post| sanitize_for_page(&post.content.rendered, Source::Post);
    let (mut files, mut report) = plan(
        &site.info,
        &site.listed_posts(),
        &site.feeds,
        &|filter: &PostFilter, post: &Post| site.selects(filter, post),
        &pages,
        site_url,
        lang,
        &existing_robots,
        Limits::default(),
        &mut whole,
        &mut sanitize,
    );
    let comment_feeds = comment_feeds::plan(
        &site.info,
        site_url,
        &site.comment_feeds,
        &|post| site.comments_of(post),
        &mut |c| sanitize_for_page(&c.content.rendered, Source::Comment),
    );
    report.comment_feeds = comment_feeds.len() - 1;
    files.extend(
        comment_feeds
            .into_iter()
            .map(|(path, xml)| (feed_file(Path::new(""), &path), xml)),
    );

    // Parts of a bigger sitemap from an earlier build must not linger.
    if let Ok(entries) = std::fs::read_dir(dist) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_sitemap_part(&name) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    for (relative, text) in files {
        let file = dist.join(&relative);
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        // Unchanged files keep their time, so only what changed is
        // compressed again (scripts/postbuild.mjs).
        if std::fs::read(&file).ok().as_deref() != Some(text.as_bytes()) {
            std::fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))?;
        }
        report
            .files
            .push(relative.to_string_lossy().replace('\\', "/"));
    }
    Ok(report)
}

fn is_sitemap_part(name: &str) -> bool {
    name.strip_prefix("sitemap-")
        .and_then(|rest| rest.strip_suffix(".xml"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Every file to write (path relative to `dist`, text) and the report:
/// the decisions of [`write_all`] without the disk. `posts` need only what
/// feeds select by (slug, dates, categories); `whole` gives the post an
/// item is made of.
#[allow(clippy::too_many_arguments)]
pub fn plan(
    info: &SiteInfo,
    posts: &[&Post],
    archives: &[FeedSource],
    selects: &dyn Fn(&PostFilter, &Post) -> bool,
    pages: &[PageEntry],
    site_url: &str,
    lang: &str,
    existing_robots: &str,
    limits: Limits,
    whole: &mut dyn FnMut(&Post) -> Post,
    sanitize: &mut dyn FnMut(&Post) -> String,
) -> (Vec<(PathBuf, String)>, FeedReport) {
    let site_url = site_url.trim_end_matches('/');
    let absolute = |path: &str| format!("{site_url}{path}");
    let site_name = info.display_name();
    let prerendered: HashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    // Only posts with an address the app answers (the crawl's own test),
    // each at its permalink's path, as the crawl wrote it.
    let home_path = home_path(&info.url);
    let address = |p: &Post| post_path(p, &home_path);
    let linkable: Vec<&Post> = posts
        .iter()
        .copied()
        .filter(|p| {
            let path = address(p);
            let written = matches!(Route::parse(&path), route @ Route::Singular { part: 1, .. } if route.path() == path);
            !p.slug.is_empty() && written
        })
        .collect();
    // A post in several feeds is sanitised once.
    let mut sanitized: HashMap<u64, String> = HashMap::new();
    let mut item = |post: &Post| {
        let post = whole(post);
        Item::from_post(&post, &absolute(&address(&post)), |_| {
            sanitized
                .entry(post.id)
                .or_insert_with(|| sanitize(&post))
                .clone()
        })
    };
    let channel = |title: String, self_path: &str, items: Vec<Item>| Channel {
        title,
        link: site_url.to_string(),
        description: decode_entities(&info.description),
        language: lang.to_string(),
        self_url: absolute(self_path),
        items,
        built: None,
    };
    let mut files = Vec::new();

    let items: Vec<Item> = newest(linkable.iter().copied(), FEED_ITEMS)
        .into_iter()
        .map(&mut item)
        .collect();
    let report_items = items.len();
    files.push((
        feed_file(Path::new(""), FEED_PATH),
        // `wp_get_document_title()` of a feed, which is no home page: the
        // site's name alone.
        channel(site_name.clone(), FEED_PATH, items).to_xml(),
    ));

    // A feed for each category, tag and author whose page the crawl
    // prerendered, of the posts its page lists (a category's children's
    // too), as WordPress's archive feeds.
    let mut archive_feeds = 0;
    let mut done = HashSet::new();
    for feed in archives {
        let page = Route::Archive {
            archive: feed.archive.clone(),
            page: 1,
        }
        .path();
        if !prerendered.contains(page.as_str()) || !done.insert(page.clone()) {
            continue;
        }
        let feed_path = format!("{page}feed/");
        let filed = linkable
            .iter()
            .copied()
            .filter(|p| selects(&feed.filter, p));
        let items: Vec<Item> = newest(filed, FEED_ITEMS)
            .into_iter()
            .map(&mut item)
            .collect();
        // `wp_get_document_title()`, as WordPress 6.1 titles a feed.
        let title = format!("{} – {site_name}", feed.name);
        files.push((
            feed_file(Path::new(""), &feed_path),
            channel(title, &feed_path, items).to_xml(),
        ));
        archive_feeds += 1;
    }

    let (maps, sitemap_urls) = sitemaps(pages, site_url, limits, existing_robots);
    let report = FeedReport {
        archive_feeds,
        items: report_items,
        comment_feeds: 0,
        sitemap_urls,
        // The sitemap's files, without robots.txt.
        sitemap_files: maps.len() - 1,
        files: Vec::new(),
    };
    files.extend(maps);
    (files, report)
}

/// The sitemap (an index and its parts past the limits) of the pages it
/// lists, and `robots.txt` naming it; the number of addresses listed.
fn sitemaps(
    pages: &[PageEntry],
    site_url: &str,
    limits: Limits,
    existing_robots: &str,
) -> (Vec<(PathBuf, String)>, usize) {
    let entries: Vec<Entry> = pages
        .iter()
        .filter(|p| p.in_sitemap)
        .map(|p| Entry {
            loc: format!("{site_url}{}", p.path),
            lastmod: p.lastmod,
        })
        .collect();
    let mut files: Vec<(PathBuf, String)> = sitemap::files(&entries, site_url, limits)
        .into_iter()
        .map(|file| (PathBuf::from(file.name), file.xml))
        .collect();
    files.push((
        PathBuf::from("robots.txt"),
        sitemap::robots_txt(existing_robots, &format!("{site_url}/sitemap.xml")),
    ));
    (files, entries.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prerender::crawl::selects;
    use blog_core::data::models::Term;
    use blog_core::data::route::Archive;

    fn post(id: u64, slug: &str, date: &str, category: (u64, &str)) -> Post {
        serde_json::from_value(serde_json::json!({
            "id": id, "slug": slug, "date_gmt": date, "modified_gmt": date,
            "guid": {"rendered": format!("https://cms.example/?p={id}")},
            "title": {"rendered": format!("Post {id}")},
            "content": {"rendered": format!("<p>Body {id}</p><script>bad()</script>")},
            "categories": [category.0],
            "_embedded": {"wp:term": [[{"id": category.0, "slug": category.1, "name": category.1, "taxonomy": "category"}]]}
        }))
        .unwrap()
    }

    fn page(path: &str, lastmod: Option<&str>, in_sitemap: bool) -> PageEntry {
        PageEntry {
            path: path.into(),
            lastmod: lastmod.and_then(UtcDateTime::parse),
            in_sitemap,
        }
    }

    fn info() -> SiteInfo {
        SiteInfo {
            name: "Therapy &amp; Notes".into(),
            description: "Reflections".into(),
            url: "https://cms.example".into(),
            ..SiteInfo::default()
        }
    }

    fn file<'a>(files: &'a [(PathBuf, String)], name: &str) -> &'a str {
        files
            .iter()
            .find(|(p, _)| p == Path::new(name))
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| {
                panic!(
                    "no {name} in {:?}",
                    files.iter().map(|f| &f.0).collect::<Vec<_>>()
                )
            })
    }

    #[test]
    fn feeds_sitemap_and_robots() {
        let mut posts: Vec<Post> = (1..=12)
            .map(|i| {
                post(
                    i,
                    &format!("post-{i}"),
                    &format!("2023-01-{i:02}T10:00:00"),
                    (2, "news"),
                )
            })
            .collect();
        posts.push(post(13, "in-other", "2022-01-01T00:00:00", (3, "other")));
        posts.push(post(14, "no-page", "2022-01-01T00:00:00", (4, "unlisted")));
        posts.push(post(15, "", "2024-01-01T00:00:00", (2, "news")));
        let pages = [
            page("/", Some("2023-01-12T10:00:00"), true),
            page("/post-1/", Some("2023-01-01T10:00:00"), true),
            page("/secret/", Some("2023-01-01T10:00:00"), false),
            page("/category/news/", None, true),
            page("/category/other/", None, true),
        ];
        let mut sanitized = Vec::new();
        let term = |id: u64, slug: &str| Term {
            id,
            slug: slug.into(),
            name: slug.into(),
            taxonomy: "category".into(),
            count: 1,
            ..Term::default()
        };
        // "unlisted" has no prerendered page: no feed.
        let feeds: Vec<FeedSource> = [
            term(2, "news"),
            term(3, "other"),
            term(4, "unlisted"),
            term(2, "news"),
        ]
        .iter()
        .map(|t| FeedSource {
            archive: Archive::category(&t.slug, &t.link),
            name: t.display_name(),
            filter: PostFilter::Category(t.id),
        })
        .collect();
        // What the crawl keeps of each post: no content, title or embeds.
        let listed: Vec<Post> = posts
            .iter()
            .map(|p| Post {
                content: Default::default(),
                title: Default::default(),
                embedded: None,
                categories: p.categories().iter().map(|t| t.id).collect(),
                ..p.clone()
            })
            .collect();
        let mut read_again = Vec::new();
        let (files, report) = plan(
            &info(),
            &listed.iter().collect::<Vec<_>>(),
            &feeds,
            &|filter: &PostFilter, post: &Post| selects(filter, post, &HashMap::new()),
            &pages,
            "https://blog.example/",
            "en",
            "User-agent: *\nAllow: /\n",
            Limits::default(),
            &mut |p: &Post| {
                read_again.push(p.id);
                posts.iter().find(|whole| whole.id == p.id).unwrap().clone()
            },
            &mut |p: &Post| {
                sanitized.push(p.id);
                p.content.rendered.replace("<script>bad()</script>", "")
            },
        );
        assert_eq!(
            report,
            FeedReport {
                archive_feeds: 2,
                items: 10,
                comment_feeds: 0,
                sitemap_urls: 4,
                sitemap_files: 1,
                files: Vec::new(),
            }
        );
        let feed = file(&files, "feed/index.xml");
        assert!(
            feed.contains("<title>Therapy &amp; Notes</title>"),
            "{feed}"
        );
        assert!(
            feed.contains("<atom:link href=\"https://blog.example/feed/\""),
            "{feed}"
        );
        assert!(
            feed.contains("<link>https://blog.example/post-12/</link>"),
            "{feed}"
        );
        assert!(
            !feed.contains("post-2/") && !feed.contains("post-1/"),
            "only the 10 newest"
        );
        assert!(!feed.contains("<script>") && feed.contains("<p>Body 12</p>"));
        assert!(feed.contains("<guid isPermaLink=\"false\">https://cms.example/?p=12</guid>"));
        // A post in two feeds is sanitised once; only the posts in a feed
        // are read again whole.
        assert_eq!(sanitized.len(), 11);
        read_again.sort();
        read_again.dedup();
        assert_eq!(read_again.len(), 11);
        assert_eq!(HashSet::<u64>::from_iter(sanitized.clone()).len(), 11);

        let news = file(&files, "category/news/feed/index.xml");
        assert!(
            news.contains("<title>news – Therapy &amp; Notes</title>"),
            "{news}"
        );
        assert!(news.contains("https://blog.example/category/news/feed/"));
        let other = file(&files, "category/other/feed/index.xml");
        assert!(other.contains("/in-other/") && !other.contains("/post-3/"));
        assert!(!files
            .iter()
            .any(|(p, _)| p.starts_with("category/unlisted")));

        let map = file(&files, "sitemap.xml");
        assert!(map.contains("<loc>https://blog.example/post-1/</loc><lastmod>2023-01-01T10:00:00+00:00</lastmod>"), "{map}");
        assert!(!map.contains("/secret/"));
        assert!(map.contains("<loc>https://blog.example/category/news/</loc></url>"));
        assert_eq!(
            file(&files, "robots.txt"),
            "User-agent: *\nAllow: /\n\nSitemap: https://blog.example/sitemap.xml\n"
        );
    }

    #[test]
    fn a_big_site_gets_a_sitemap_index() {
        let pages: Vec<PageEntry> = (1..=5)
            .map(|i| page(&format!("/p{i}/"), None, true))
            .collect();
        let (files, report) = plan(
            &info(),
            &[],
            &[],
            &|_: &PostFilter, _: &Post| false,
            &pages,
            "https://blog.example",
            "en",
            "",
            Limits {
                urls: 2,
                bytes: sitemap::MAX_BYTES,
            },
            &mut |p: &Post| p.clone(),
            &mut |_: &Post| String::new(),
        );
        assert_eq!(report.sitemap_files, 4);
        assert!(
            file(&files, "sitemap.xml").contains("<loc>https://blog.example/sitemap-3.xml</loc>")
        );
        assert!(file(&files, "sitemap-3.xml").contains("https://blog.example/p5/"));
        // No posts: an empty feed, still a feed.
        assert!(file(&files, "feed/index.xml").contains("<channel>"));
        assert!(is_sitemap_part("sitemap-12.xml"));
        assert!(
            !is_sitemap_part("sitemap.xml")
                && !is_sitemap_part("sitemap-.xml")
                && !is_sitemap_part("sitemap-1.xml.gz")
        );
    }

    #[test]
    fn a_category_feed_is_written_where_its_page_is() {
        assert_eq!(
            feed_file(Path::new("dist"), "/category/caf%C3%A9/feed/"),
            Path::new("dist/category/café/feed/index.xml")
        );
    }
}
