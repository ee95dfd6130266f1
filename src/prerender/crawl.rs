//! Reads the API the way the app will, and lists the pages to prerender,
//! each with the responses (its seed) the app requests for it.
//!
//! Requests per build: the site info and menu, every page and every post in
//! pages of 100 (with everything an article embeds, so each article's own
//! response is cut from them instead of asked one by one), the categories,
//! tags and authors. The list pages (home, archives) are cut from the posts
//! too, as WordPress would answer them (`listing`): a blog of thousands of
//! posts costs tens of requests, not thousands.

use std::collections::BTreeSet;

use blog_core::data::models::{Author, Post, SiteInfo, Term};
use blog_core::data::pagination::Paging;
use blog_core::data::route::{Archive, DateArchive, Route};
use blog_core::data::seed::{slim_post, PageSeed, SeededResponse};
use blog_core::data::share_meta::ShareMeta;
use blog_core::data::singular::{frontend_path, parts};
use serde_json::Value;

use crate::prerender::api::{Api, BATCH};
use crate::prerender::conversations::Conversations;
use crate::prerender::manifest::{fingerprint, id_of, reuse, Item, Items};
use crate::transport::config;
use crate::transport::wordpress::{
    naming_route, pages_route, post_route, posts_route, PostFilter, MENU_ROUTE, SITE_INFO_ROUTE,
    STICKY_ROUTE,
};

/// One page to write: its path, its seed, its link preview.
pub struct PageJob {
    pub path: String,
    /// The page's own responses; every page also carries the site-wide ones
    /// (`Site::common`), kept once rather than in thousands of copies.
    pub seed: PageSeed,
    pub share: ShareMeta,
    /// When what it shows last changed (UTC, WordPress's `modified_gmt`).
    pub lastmod: Option<String>,
    /// Whether search engines are pointed at it (not a protected post).
    pub in_sitemap: bool,
}

/// What a crawl found.
pub struct Site {
    pub info: SiteInfo,
    /// Responses every page's seed has (site info, menu).
    pub common: PageSeed,
    pub pages: Vec<PageJob>,
    /// Every published post, newest first, as the API gave it (for feeds).
    pub posts: Vec<Post>,
    /// The categories that have posts (for their feeds).
    pub categories: Vec<Term>,
    /// Posts left out, and why (a slug that is no safe path).
    pub skipped: Vec<String>,
    /// The posts and pages as read, for the next build to reuse.
    pub items: Items,
    /// The fingerprint of the terms and authors the items embed.
    pub terms: String,
    /// Approved comments read (prerendered with their articles).
    pub comments: usize,
}

/// Crawls the site; `site_url` is where the frontend is published (for
/// canonical links), `None` to use the WordPress site address. `previous`:
/// what the last build over the same bundle read, to ask only for what can
/// have changed (if it read the same WordPress site).
pub fn crawl(
    api: &Api,
    site_url: Option<&str>,
    previous: Option<Previous>,
) -> Result<Site, String> {
    let (info, mut info_response): (SiteInfo, _) = api.get_json(SITE_INFO_ROUTE)?;
    // Only the fields asked for travel in every page (an API that ignores
    // `_fields` would otherwise put its whole route index in each).
    info_response.body = serde_json::to_string(&info).map_err(|e| e.to_string())?;
    let menu_response = api.get(MENU_ROUTE)?;
    let home_path = frontend_path(&info.url, "/").unwrap_or_else(|| "/".into());
    let mut out = Crawl {
        site_name: info.display_name(),
        origin: site_url
            .unwrap_or(&info.url)
            .trim_end_matches('/')
            .to_string(),
        common: PageSeed::from([
            (SITE_INFO_ROUTE.to_string(), info_response),
            (MENU_ROUTE.to_string(), menu_response),
        ]),
        pages: Vec::new(),
        skipped: Vec::new(),
    };

    // The terms and authors posts embed: if any changed, every post is read
    // again (their embedded copies would be stale).
    let categories_raw: Vec<Value> = api.all("wp/v2/categories?hide_empty=true")?;
    let tags_raw: Vec<Value> = api.all("wp/v2/tags?hide_empty=true")?;
    let authors_raw: Vec<Value> = api.all("wp/v2/users")?;
    let terms = fingerprint(&[
        Value::Array(categories_raw.clone()).to_string().as_bytes(),
        Value::Array(tags_raw.clone()).to_string().as_bytes(),
        Value::Array(authors_raw.clone()).to_string().as_bytes(),
    ]);
    let previous = previous
        .filter(|p| p.terms == terms && p.site == info.url)
        .map(|p| p.items);
    let items = Items {
        pages: collection(
            api,
            "pages",
            PAGE_EMBED,
            &["modified_gmt"],
            previous.map(|i| &i.pages[..]),
        )?,
        posts: collection(
            api,
            "posts",
            POST_EMBED,
            &["modified_gmt", "sticky"],
            previous.map(|i| &i.posts[..]),
        )?,
    };

    // Every approved comment, always read again (comments move without
    // their post's `modified_gmt`); a page is written again only where its
    // conversation changed.
    let conversations = Conversations::read(api)?;

    let posts = out.singular_items(&items, &conversations, &home_path)?;

    // The list pages, cut from the posts as WordPress would answer them.
    let per_page = config::get().posts_per_page;
    let lists = Lists::new(&posts, per_page);

    out.home_pages(&lists, &info.description);

    // Archives: categories, tags and authors that have posts, whole, each
    // seeded with the answer to the request that names it.
    let categories: Vec<Term> = decoded(categories_raw);
    let categories: Vec<Term> = categories.into_iter().filter(|t| t.count > 0).collect();
    let tags: Vec<Term> = decoded(tags_raw);
    let authors: Vec<Author> = decoded(authors_raw);
    out.named_archives(&lists, &posts, &categories, &tags, &authors)?;

    out.date_archives(&lists, &posts);

    Ok(Site {
        info,
        common: out.common,
        pages: out.pages,
        posts,
        categories,
        skipped: out.skipped,
        items,
        terms,
        comments: conversations.count(),
    })
}

/// What the last build over the same bundle read: its items, the
/// fingerprint of the terms and authors they embed, and the WordPress site
/// address they came from.
pub struct Previous<'a> {
    pub items: &'a Items,
    pub terms: &'a str,
    pub site: &'a str,
}

/// What an article embeds, and a page.
const POST_EMBED: &str = "author,wp:term,wp:featuredmedia";
const PAGE_EMBED: &str = "author,wp:featuredmedia";

/// Every item of `kind` (`posts`, `pages`) in the API's order, with what it
/// embeds. With a previous build's items, only the ids and the `fields` that
/// move on a change are listed, and only the new and changed items are read
/// in full (`include=`, 100 at a time).
fn collection(
    api: &Api,
    kind: &str,
    embed: &str,
    fields: &[&str],
    previous: Option<&[Item]>,
) -> Result<Vec<Item>, String> {
    let Some(previous) = previous else {
        return api.all(&format!("wp/v2/{kind}?_embed={embed}"));
    };
    let light: Vec<Value> = api.all(&format!("wp/v2/{kind}?_fields=id,{}", fields.join(",")))?;
    let (order, fetch) = reuse(previous, &light, fields);
    let mut fetched = std::collections::HashMap::new();
    for ids in fetch.chunks(BATCH as usize) {
        let ids: Vec<String> = ids.iter().map(u64::to_string).collect();
        let (batch, _): (Vec<Item>, _) = api.get_json(&format!(
            "wp/v2/{kind}?include={}&per_page={BATCH}&_embed={embed}",
            ids.join(",")
        ))?;
        for item in batch {
            if let Some(id) = id_of(&item) {
                fetched.insert(id, item);
            }
        }
    }
    // An item gone between the two requests is simply not there.
    Ok(order
        .into_iter()
        .filter_map(|(id, kept)| kept.or_else(|| fetched.remove(&id)))
        .collect())
}

/// An archive: its address, title, filter and the response that names it
/// (its term or author; a date archive needs none).
struct Named {
    archive: Archive,
    name: String,
    filter: PostFilter,
    response: Option<(String, SeededResponse)>,
}

impl Site {
    /// The whole seed of a page: the site-wide responses and its own.
    pub fn seed_of(&self, job: &PageJob) -> PageSeed {
        let mut seed = self.common.clone();
        seed.extend(job.seed.iter().map(|(k, v)| (k.clone(), v.clone())));
        seed
    }
}

/// A crawl in progress: what every page carries, and the pages so far.
struct Crawl {
    site_name: String,
    origin: String,
    /// Responses every page's seed has (site info, menu).
    common: PageSeed,
    pages: Vec<PageJob>,
    skipped: Vec<String>,
}

impl Crawl {
    fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    /// Every page, then every post, each with what its article embeds and
    /// its first screen of comments: each becomes the answer to the app's
    /// own `?slug=` request. The posts, newest first.
    fn singular_items(
        &mut self,
        items: &Items,
        conversations: &Conversations,
        home_path: &str,
    ) -> Result<Vec<Post>, String> {
        let comments_per_page = config::get().comments_per_page;
        // Pages first: at a path both could have, the page wins, as on WordPress.
        let mut taken = BTreeSet::new();
        for raw in &items.pages {
            let Some(page) = self.decode(raw, "page") else {
                continue;
            };
            let path = frontend_path(&page.link, home_path).unwrap_or_default();
            let mut seed =
                PageSeed::from([(pages_route(&page.slug), one_item(&slim_post(&page, true))?)]);
            if page.parent == 0 {
                // The app asks for the post with that slug too; it loses anyway.
                seed.insert(post_route(&page.slug), empty_list());
            }
            seed.extend(conversations.seed(&page, true, comments_per_page));
            if self.singular(&page, &path, seed) {
                taken.insert(path);
            }
        }

        // Every post, newest first, with what an article embeds; each becomes
        // the answer to the app's own `?slug=` request.
        let mut posts = Vec::new();
        for raw in &items.posts {
            let Some(post) = self.decode(raw, "post") else {
                continue;
            };
            let path = Route::post(&post.slug).path();
            if taken.contains(&path) {
                self.skipped
                    .push(format!("post {} (a page has its address {path})", post.id));
            } else {
                let mut seed = PageSeed::from([
                    (post_route(&post.slug), one_item(&slim_post(&post, true))?),
                    (pages_route(&post.slug), empty_list()),
                ]);
                seed.extend(conversations.seed(&post, false, comments_per_page));
                self.singular(&post, &path, seed);
            }
            posts.push(post);
        }
        Ok(posts)
    }

    /// Home pages; the first with the sticky posts.
    fn home_pages(&mut self, lists: &Lists, description: &str) {
        let sticky: Vec<&Post> = lists.posts.iter().filter(|p| p.sticky).collect();
        let sticky = page_of(&sticky, 1, sticky.len().max(1) as u32);
        for (page, route, response) in lists.pages(&PostFilter::None, u32::MAX) {
            let path = Route::Home { page }.path();
            let title = if page == 1 {
                self.site_name.clone()
            } else {
                format!("Page {page} – {}", self.site_name)
            };
            let mut seed = PageSeed::from([(route, response)]);
            if page == 1 {
                seed.insert(STICKY_ROUTE.to_string(), sticky.clone());
            }
            self.listing(&path, &title, description, seed);
        }
    }

    /// Archives: categories, tags and authors that have posts, whole, each
    /// seeded with the answer to the request that names it.
    fn named_archives(
        &mut self,
        lists: &Lists,
        posts: &[Post],
        categories: &[Term],
        tags: &[Term],
        authors: &[Author],
    ) -> Result<(), String> {
        let mut named = Vec::new();
        for t in categories {
            let archive = Archive::Category(t.slug.clone());
            named.push((
                archive,
                t.display_name(),
                PostFilter::Category(t.id),
                one_item(t)?,
            ));
        }
        for t in tags.iter().filter(|t| t.count > 0) {
            let archive = Archive::Tag(t.slug.clone());
            named.push((
                archive,
                t.display_name(),
                PostFilter::Tag(t.id),
                one_item(t)?,
            ));
        }
        for a in authors
            .iter()
            .filter(|a| posts.iter().any(|p| p.author == a.id))
        {
            let archive = Archive::Author(a.slug.clone());
            named.push((
                archive,
                a.display_name(),
                PostFilter::Author(a.id),
                one_item(a)?,
            ));
        }
        for (archive, name, filter, item) in named {
            let response = naming_route(&archive).map(|route| (route, item));
            let named = Named {
                archive,
                name,
                filter,
                response,
            };
            self.archive(lists, named, u32::MAX);
        }
        Ok(())
    }

    /// Date archives of the periods that have posts: years and months
    /// whole, days their first page.
    fn date_archives(&mut self, lists: &Lists, posts: &[Post]) {
        let periods: BTreeSet<(u16, Option<u8>, Option<u8>)> = posts
            .iter()
            .filter_map(|p| DateArchive::containing(&p.date))
            .flatten()
            .map(|d| (d.year, d.month, d.day))
            .collect();
        for (year, month, day) in periods {
            let period = DateArchive { year, month, day };
            let named = Named {
                archive: Archive::Date(period),
                name: period.label(),
                filter: PostFilter::Date(period),
                response: None,
            };
            self.archive(lists, named, if day.is_some() { 1 } else { u32::MAX });
        }
    }

    fn decode(&mut self, raw: &Item, kind: &str) -> Option<Post> {
        serde_json::from_str(raw.get())
            .map_err(|e| {
                self.skipped
                    .push(format!("a {kind} that does not decode ({e})"))
            })
            .ok()
    }

    fn listing(&mut self, path: &str, title: &str, description: &str, own: PageSeed) {
        let lastmod = newest_modified(&own);
        self.pages.push(PageJob {
            share: ShareMeta::for_listing(
                title,
                description,
                &self.absolute(path),
                &self.site_name,
            ),
            path: path.to_string(),
            seed: own,
            lastmod,
            in_sitemap: true,
        });
    }

    /// A post or page at `path`, and each further part of a split one.
    /// `false` when its address is no safe path.
    fn singular(&mut self, item: &Post, path: &str, own: PageSeed) -> bool {
        let (route_path, same) = match Route::parse(path) {
            route @ Route::Singular { part: 1, .. } => {
                let same = route.path() == path;
                let Route::Singular { path: p, .. } = route else {
                    unreachable!()
                };
                (p, same)
            }
            _ => (String::new(), false),
        };
        if item.slug.is_empty() || !same || !safe_path(path) {
            self.skipped.push(format!(
                "{} {} (address {path:?} is no safe path)",
                item.id, item.slug
            ));
            return false;
        }
        let seed = own;
        let part_count = if item.is_protected() {
            1
        } else {
            parts(&item.content.rendered).len() as u32
        };
        for part in 1..=part_count {
            let part_path = Route::Singular {
                path: route_path.clone(),
                part,
            }
            .path();
            self.pages.push(PageJob {
                share: ShareMeta::for_post(item, &self.absolute(&part_path), &self.site_name),
                path: part_path,
                seed: seed.clone(),
                lastmod: Some(item.modified_gmt.clone()).filter(|m| !m.is_empty()),
                in_sitemap: !item.is_protected(),
            });
        }
        true
    }

    /// An archive's list pages, at most `last_page` of them.
    fn archive(&mut self, lists: &Lists, named: Named, last_page: u32) {
        let Named {
            archive,
            name,
            filter,
            response,
        } = named;
        let first = archive.path();
        if !safe_path(&first) || Route::parse(&first) == Route::NotFound {
            self.skipped
                .push(format!("{} {name:?} (no safe path)", archive.kind_label()));
            return;
        }
        let description = archive.description(&name);
        for (page, route, listed) in lists.pages(&filter, last_page) {
            let path = Route::Archive {
                archive: archive.clone(),
                page,
            }
            .path();
            let mut own = PageSeed::from([(route, listed)]);
            own.extend(response.clone());
            self.listing(&path, &name, &description, own);
        }
    }
}

/// The newest `modified_gmt` among the posts of a seed's responses.
fn newest_modified(seed: &PageSeed) -> Option<String> {
    seed.values()
        .filter_map(|r| serde_json::from_str::<Vec<Post>>(&r.body).ok())
        .flatten()
        .map(|p| p.modified_gmt)
        .max()
        .filter(|m| !m.is_empty())
}

fn decoded<T: serde::de::DeserializeOwned>(raw: Vec<Value>) -> Vec<T> {
    raw.into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect()
}

/// The posts as list requests (`_embed=author,wp:term`) answer them: no
/// content, no featured image.
struct Lists {
    posts: Vec<Post>,
    per_page: u32,
    /// Whether the posts are in WordPress's order, newest first (they are
    /// as the API lists them; checked, not assumed).
    newest_first: bool,
}

impl Lists {
    fn new(posts: &[Post], per_page: u32) -> Lists {
        let posts = posts
            .iter()
            .map(|p| {
                let mut listed = slim_post(p, false);
                if let Some(embedded) = listed.embedded.as_mut() {
                    embedded.featured_media.clear();
                }
                listed
            })
            .collect::<Vec<Post>>();
        let newest_first = posts.windows(2).all(|w| w[0].date >= w[1].date);
        Lists {
            posts,
            per_page,
            newest_first,
        }
    }

    /// Every page of the posts `filter` selects (at most `last_page`), as
    /// the app requests them: page number, route, response. An empty list
    /// is one empty page, as WordPress answers it.
    fn pages(&self, filter: &PostFilter, last_page: u32) -> Vec<(u32, String, SeededResponse)> {
        let selected: Vec<&Post> = match filter {
            // A period is a run of the posts, newest first: found by two
            // binary searches, not a pass over the site per day.
            PostFilter::Date(period) if self.newest_first => {
                let (after, before) = period.bounds();
                let date = |p: &Post| p.date.get(..19).unwrap_or(&p.date).to_string();
                let start = self
                    .posts
                    .partition_point(|p| date(p).as_str() >= before.as_str());
                let end = self
                    .posts
                    .partition_point(|p| date(p).as_str() > after.as_str());
                self.posts[start..end.max(start)].iter().collect()
            }
            _ => self.posts.iter().filter(|p| selects(filter, p)).collect(),
        };
        let count = (selected.len() as u32)
            .div_ceil(self.per_page)
            .clamp(1, last_page);
        (1..=count)
            .map(|page| {
                let response = page_of(&selected, page, self.per_page);
                (page, posts_route(page, filter), response)
            })
            .collect()
    }
}

/// Whether a list request with `filter` answers with `post`: WordPress's
/// `categories`, `tags` (direct terms only), `author`, and `after`/`before`
/// (exclusive, on the local `post_date`). Searches are never prerendered.
fn selects(filter: &PostFilter, post: &Post) -> bool {
    match filter {
        PostFilter::None => true,
        PostFilter::Category(id) => post.categories.contains(id),
        PostFilter::Tag(id) => post.tags.contains(id),
        PostFilter::Author(id) => post.author == *id,
        PostFilter::Date(period) => {
            let (after, before) = period.bounds();
            let date = post.date.get(..19).unwrap_or(&post.date);
            date > after.as_str() && date < before.as_str()
        }
        PostFilter::Search(_) => false,
    }
}

/// Page `page` of `posts` at `per_page`, with WordPress's totals.
fn page_of(posts: &[&Post], page: u32, per_page: u32) -> SeededResponse {
    let start = ((page - 1) * per_page) as usize;
    let items: Vec<&Post> = posts
        .iter()
        .skip(start)
        .take(per_page as usize)
        .copied()
        .collect();
    SeededResponse {
        body: serde_json::to_string(&items).unwrap_or_else(|_| "[]".into()),
        paging: Paging {
            total: posts.len() as u32,
            total_pages: (posts.len() as u32).div_ceil(per_page),
        },
    }
}

/// `[]`: the answer for a slug nothing has.
fn empty_list() -> SeededResponse {
    SeededResponse {
        body: "[]".into(),
        paging: Paging::default(),
    }
}

/// The answer to a `?slug=` request: a list of one, only its typed fields.
fn one_item<T: serde::Serialize>(item: &T) -> Result<SeededResponse, String> {
    Ok(SeededResponse {
        body: serde_json::to_string(&[item]).map_err(|e| e.to_string())?,
        paging: Paging {
            total: 1,
            total_pages: 1,
        },
    })
}

/// A path that maps to a directory inside dist/ and nowhere else.
pub fn safe_path(path: &str) -> bool {
    path.starts_with('/')
        && path
            .split('/')
            .all(|seg| seg != ".." && seg != "." && !seg.contains('\\'))
        && path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.%".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(id: u64, date: &str, categories: &[u64], tags: &[u64], author: u64) -> Post {
        Post {
            id,
            date: date.into(),
            categories: categories.to_vec(),
            tags: tags.to_vec(),
            author,
            content: blog_core::data::models::Rendered {
                rendered: "<p>body</p>".into(),
                protected: false,
            },
            ..Post::default()
        }
    }

    fn ids(response: &SeededResponse) -> Vec<u64> {
        serde_json::from_str::<Vec<Post>>(&response.body)
            .unwrap()
            .iter()
            .map(|p| p.id)
            .collect()
    }

    #[test]
    fn list_pages_are_cut_as_wordpress_answers_them() {
        let posts = [
            post(5, "2023-03-01T00:00:00", &[2], &[7], 1),
            post(4, "2023-02-28T23:59:59", &[2], &[], 2),
            post(3, "2023-02-01T00:00:00", &[3], &[7], 1),
            post(2, "2022-12-31T23:59:59", &[2], &[], 1),
            post(1, "2022-06-01T12:00:00", &[3], &[], 2),
        ];
        let lists = Lists::new(&posts, 2);
        let pages = |filter| lists.pages(&filter, u32::MAX);
        let all = pages(PostFilter::None);
        assert_eq!(
            all.iter().map(|(_, _, r)| ids(r)).collect::<Vec<_>>(),
            [vec![5, 4], vec![3, 2], vec![1]]
        );
        assert_eq!((all[0].2.paging.total, all[0].2.paging.total_pages), (5, 3));
        assert_eq!(all[1].1, posts_route(2, &PostFilter::None));
        assert_eq!(ids(&pages(PostFilter::Category(2))[0].2), [5, 4]);
        assert_eq!(ids(&pages(PostFilter::Tag(7))[0].2), [5, 3]);
        assert_eq!(ids(&pages(PostFilter::Author(2))[0].2), [4, 1]);
        // A month's bounds are exclusive: the last second of February is in.
        let feb = DateArchive {
            year: 2023,
            month: Some(2),
            day: None,
        };
        assert_eq!(ids(&pages(PostFilter::Date(feb))[0].2), [4, 3]);
        let year = DateArchive {
            year: 2022,
            month: None,
            day: None,
        };
        assert_eq!(ids(&pages(PostFilter::Date(year))[0].2), [2, 1]);
        // Nothing there: one empty page, totals 0.
        let empty = pages(PostFilter::Tag(99));
        assert_eq!(empty.len(), 1);
        assert_eq!(
            (empty[0].2.body.as_str(), empty[0].2.paging.total_pages),
            ("[]", 0)
        );
        // Posts in another order are still selected right (by a pass).
        let shuffled = [
            posts[2].clone(),
            posts[0].clone(),
            posts[4].clone(),
            posts[1].clone(),
            posts[3].clone(),
        ];
        let unsorted = Lists::new(&shuffled, 2);
        assert!(!unsorted.newest_first);
        let mut feb_ids = ids(&unsorted.pages(&PostFilter::Date(feb), u32::MAX)[0].2);
        feb_ids.sort();
        assert_eq!(feb_ids, [3, 4]);
        // At most `last_page`; lists carry no content.
        assert_eq!(lists.pages(&PostFilter::None, 1).len(), 1);
        assert!(!all[0].2.body.contains("body"));
    }

    #[test]
    fn only_plain_paths_are_written() {
        assert!(safe_path("/a-post/"));
        assert!(safe_path("/category/news/page/2/"));
        assert!(safe_path("/caf%C3%A9/"));
        assert!(!safe_path("/../etc/"));
        assert!(!safe_path("/a b/"));
        assert!(!safe_path("/a\\b/"));
        assert!(!safe_path("relative/"));
    }
}
