//! Reads the API the way the app will, and lists the pages to prerender,
//! each with the responses (its seed) the app requests for it.
//!
//! Requests per build: the site info and menu, every page and every post in
//! pages of 100 (with everything an article embeds, so each article's own
//! response is cut from them instead of asked one by one), the categories,
//! tags and authors. The list pages (home, archives) are cut from the posts
//! too, as WordPress would answer them (`listing`): a blog of thousands of
//! posts costs tens of requests, not thousands.
//!
//! A page's seed is made when it is rendered (`Site::own_seed`), not by the
//! crawl: a whole site's seeds held at once were a quarter of a big
//! build's memory. The crawl keeps what they are made from once: the items
//! as read, each listed post as its list entry's JSON text, the comments.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use blog_core::data::categories::{families, with_posts};
use blog_core::data::comment::Comment;
use blog_core::data::comment_feed::Commented;
use blog_core::data::entities::decode_entities;
use blog_core::data::feed_links::{self, names_comments_feed, Extra, FeedLink};
use blog_core::data::models::{Author, Media, Post, SiteInfo, Term};
use blog_core::data::pagination::Paging;
use blog_core::data::query_address::{QueryAddresses, QueryVar};
use blog_core::data::route::{Archive, DateArchive, Route};
use blog_core::data::seed::{slim_post, PageSeed, SeededResponse};
use blog_core::data::share_meta::ShareMeta;
use blog_core::data::singular::{frontend_path, home_path, parts, post_path};
use blog_core::data::site_icon::{head_tags, icon_route};
use serde_json::Value;

use crate::prerender::api::{Api, BATCH};
use crate::prerender::conversations::Conversations;
use crate::prerender::manifest::{fingerprint, id_of, reuse, Item, Items};
use crate::transport::config;
use crate::transport::wordpress::{
    naming_route, pages_route, post_route, posts_route, PostFilter, MENU_ROUTE, SITE_INFO_ROUTE,
    STICKY_ROUTE,
};

/// One page to write: its path, what its seed is made from, its link preview.
pub struct PageJob {
    pub path: String,
    /// What the page's own responses are made from; every page also
    /// carries the site-wide ones (`Site::common`).
    pub seed: OwnSeed,
    pub share: ShareMeta,
    /// The feed of what it shows, named in its head (`feed_links_extra`).
    pub feed: Option<FeedLink>,
    /// When what it shows last changed (UTC, WordPress's `modified_gmt`).
    pub lastmod: Option<String>,
    /// Whether search engines are pointed at it (not a protected post).
    pub in_sitemap: bool,
}

impl PageJob {
    /// What its head carries besides its components' tags: its link
    /// preview, and the feed of what it shows.
    pub fn head_tags(&self) -> String {
        let mut tags = self.share.to_html();
        if let Some(feed) = &self.feed {
            tags.push_str(&feed.to_html(""));
            tags.push('\n');
        }
        tags
    }
}

/// What a page's own responses are made from.
#[derive(Clone)]
pub enum OwnSeed {
    /// Item `index` of `Site::items` (its `pages` or its `posts`).
    Singular { is_page: bool, index: usize },
    /// Page `page` of a list.
    Listing { list: Arc<List>, page: u32 },
}

/// The posts one list request selects (the home page, an archive), and
/// the response naming its archive.
pub struct List {
    filter: PostFilter,
    /// Indices into `Lists::posts`, in the API's order.
    posts: Vec<usize>,
    /// The term or author the app asks for by the archive's slug.
    naming: Option<(String, SeededResponse)>,
    /// The home page's first page also answers the sticky posts request.
    with_sticky: bool,
}

/// What a crawl found.
pub struct Site {
    pub info: SiteInfo,
    /// The site icon's head tags (`""`: no icon WordPress would show), and
    /// its address (for the media origins).
    pub icon: (String, Option<String>),
    /// Responses every page's seed has (site info, menu).
    pub common: PageSeed,
    pub pages: Vec<PageJob>,
    /// The category, tag and author archives, for their feeds.
    pub feeds: Vec<FeedSource>,
    /// Every post and page written, for its comments feed.
    pub comment_feeds: Vec<CommentsFeedSource>,
    /// Where WordPress's plain addresses (`/?p=123`) lead.
    pub query_addresses: QueryAddresses,
    /// Posts left out, and why (a slug that is no safe path).
    pub skipped: Vec<String>,
    /// The posts and pages as read, for the next build to reuse.
    pub items: Items,
    /// The fingerprint of the terms and authors the items embed.
    pub terms: String,
    /// Approved comments read (prerendered with their articles).
    pub comments: usize,
    conversations: Conversations,
    lists: Lists,
    sticky: SeededResponse,
    /// A post's id → its index in `items.posts`.
    post_items: HashMap<u64, usize>,
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
    let icon = site_icon(api, info.site_icon)?;
    let menu_response = api.get(MENU_ROUTE)?;
    let home_path = home_path(&info.url);
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
        comment_feeds: Vec::new(),
        query_addresses: QueryAddresses::default(),
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
    let (previous_pages, previous_posts) = previous
        .filter(|p| p.terms == terms && p.site == info.url)
        .map(|p| (p.items.pages, p.items.posts))
        .unzip();
    let items = Items {
        pages: collection(api, "pages", PAGE_EMBED, &["modified_gmt"], previous_pages)?,
        posts: collection(
            api,
            "posts",
            POST_EMBED,
            &["modified_gmt", "sticky"],
            previous_posts,
        )?,
    };

    // Every approved comment, always read again (comments move without
    // their post's `modified_gmt`); a page is written again only where its
    // conversation changed.
    let conversations = Conversations::read(api, &info.url)?;

    // The posts are kept as their list entries: a whole post is read again
    // from its item when its page or a feed needs it.
    let (listed, post_items) = out.singular_items(&items, &home_path, &conversations)?;

    // Archives: categories (with posts of their own or of a descendant's),
    // tags and authors that have posts, whole, each seeded with the answer
    // to the request that names it.
    let categories: Vec<Term> = with_posts(decoded(categories_raw));

    // The list pages, cut from the posts as WordPress would answer them.
    let lists = Lists::new(listed, config::get().posts_per_page, families(&categories));
    let sticky = lists.sticky();

    out.home_pages(&lists, &info.description);

    let tags: Vec<Term> = decoded(tags_raw);
    let authors: Vec<Author> = decoded(authors_raw);
    let feeds = out.named_archives(&lists, &categories, &tags, &authors)?;

    out.date_archives(&lists);

    Ok(Site {
        info,
        icon,
        common: out.common,
        pages: out.pages,
        feeds,
        comment_feeds: out.comment_feeds,
        query_addresses: out.query_addresses,
        skipped: out.skipped,
        items,
        terms,
        comments: conversations.count(),
        conversations,
        lists,
        sticky,
        post_items,
    })
}

/// The site icon's head tags and address. Its media item names the copies
/// WordPress picks for each tag; when a visitor cannot read it (attached to
/// a post that is not published), WordPress's pages still show the icon:
/// its full image, as the REST index names it, then stands in for every
/// copy. A deleted icon has no address there, and no tags.
fn site_icon(api: &Api, id: u64) -> Result<(String, Option<String>), String> {
    if id == 0 {
        return Ok((String::new(), None));
    }
    let media = match api.get_json_if_found::<Media>(&icon_route(id))? {
        Some(media) => media,
        None => {
            #[derive(serde::Deserialize)]
            struct Index {
                #[serde(default)]
                site_icon_url: String,
            }
            let (index, _): (Index, _) = api.get_json(ICON_URL_ROUTE)?;
            Media {
                source_url: index.site_icon_url,
                ..Media::default()
            }
        }
    };
    let tags = head_tags(&media);
    if tags.is_empty() {
        println!("prerender: the site icon (media {id}) has no address: pages carry none");
        return Ok((tags, None));
    }
    Ok((tags, Some(media.source_url)))
}

/// The REST index's address of the site icon's full image.
const ICON_URL_ROUTE: &str = "?_fields=site_icon_url";

/// What the last build over the same bundle read: its items, the
/// fingerprint of the terms and authors they embed, and the WordPress site
/// address they came from.
pub struct Previous<'a> {
    pub items: Items,
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
    previous: Option<Vec<Item>>,
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

/// A category, tag or author archive: its feed lists the posts its page
/// does (`Site::selects`).
pub struct FeedSource {
    pub archive: Archive,
    pub name: String,
    pub filter: PostFilter,
}

/// A post or page written: its comments feed lists its comments.
pub struct CommentsFeedSource {
    pub post: u64,
    pub on: Commented,
    /// Where the feed is: the page's address and `feed/`.
    pub path: String,
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
    /// Whether a list with `filter` has `post` (a category's, its
    /// children's posts too).
    pub fn selects(&self, filter: &PostFilter, post: &Post) -> bool {
        selects(filter, post, &self.lists.families)
    }

    /// A page's own responses, as the app will request them.
    pub fn own_seed(&self, job: &PageJob) -> Result<PageSeed, String> {
        match &job.seed {
            OwnSeed::Singular { is_page, index } => self.singular_seed(*is_page, *index),
            OwnSeed::Listing { list, page } => {
                let mut seed = PageSeed::from([(
                    posts_route(*page, &list.filter),
                    self.lists.page_of(&list.posts, *page),
                )]);
                seed.extend(list.naming.clone());
                if list.with_sticky && *page == 1 {
                    seed.insert(STICKY_ROUTE.to_string(), self.sticky.clone());
                }
                Ok(seed)
            }
        }
    }

    /// The whole seed of a page: the site-wide responses and its own.
    pub fn seed_of(&self, own: PageSeed) -> PageSeed {
        let mut seed = self.common.clone();
        seed.extend(own);
        seed
    }

    /// A page or post with what its article embeds and its first screen
    /// of comments: the answer to the app's own `?slug=` request.
    fn singular_seed(&self, is_page: bool, index: usize) -> Result<PageSeed, String> {
        let items = if is_page {
            &self.items.pages
        } else {
            &self.items.posts
        };
        let raw = items.get(index).ok_or("no such item")?;
        let item: Post = serde_json::from_str(raw.get()).map_err(|e| e.to_string())?;
        let own = one_item(&slim_post(&item, true))?;
        let mut seed = if is_page {
            let mut seed = PageSeed::from([(pages_route(&item.slug), own)]);
            if item.parent == 0 {
                // The app asks for the post with that slug too; it loses anyway.
                seed.insert(post_route(&item.slug), empty_list());
            }
            seed
        } else {
            PageSeed::from([
                (post_route(&item.slug), own),
                (pages_route(&item.slug), empty_list()),
            ])
        };
        let comments_per_page = config::get().comments_per_page;
        seed.extend(self.conversations.seed(&item, is_page, comments_per_page));
        Ok(seed)
    }

    /// Every published post, newest first, without its content, title,
    /// excerpt or embeds: what lists and feeds select by.
    pub fn listed_posts(&self) -> Vec<&Post> {
        self.lists.posts.iter().map(|l| &l.post).collect()
    }

    /// The approved comments of a post or page, as read.
    pub fn comments_of(&self, post: u64) -> &[Comment] {
        self.conversations.of(post)
    }

    /// A post as the API gave it, read again from its item.
    pub fn whole_post(&self, id: u64) -> Option<Post> {
        let raw = self.items.posts.get(*self.post_items.get(&id)?)?;
        serde_json::from_str(raw.get()).ok()
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
    comment_feeds: Vec<CommentsFeedSource>,
    query_addresses: QueryAddresses,
}

impl Crawl {
    fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.origin)
    }

    /// Every page, then every post: each is rendered with what its article
    /// embeds and its first screen of comments (`Site::singular_seed`). The
    /// posts' list entries, newest first, and where each is in `items.posts`.
    fn singular_items(
        &mut self,
        items: &Items,
        home_path: &str,
        conversations: &Conversations,
    ) -> Result<(Vec<Listed>, HashMap<u64, usize>), String> {
        // Pages first: at a path both could have, the page wins, as on WordPress.
        let mut taken = BTreeSet::new();
        for (index, raw) in items.pages.iter().enumerate() {
            let Some(page) = self.decode(raw, "page") else {
                continue;
            };
            let path = frontend_path(&page.link, home_path).unwrap_or_default();
            let seed = OwnSeed::Singular {
                is_page: true,
                index,
            };
            let feed = self.comments_feed(&page, raw, &path, true, conversations);
            if self.singular(&page, &path, seed, feed) {
                taken.insert(path);
            }
        }

        let mut posts = Vec::new();
        let mut post_items = HashMap::new();
        for (index, raw) in items.posts.iter().enumerate() {
            let Some(post) = self.decode(raw, "post") else {
                continue;
            };
            // At its permalink's path (`/slug/`, or dated).
            let path = post_path(&post, home_path);
            if taken.contains(&path) {
                self.skipped
                    .push(format!("post {} (a page has its address {path})", post.id));
            } else {
                let seed = OwnSeed::Singular {
                    is_page: false,
                    index,
                };
                let feed = self.comments_feed(&post, raw, &path, false, conversations);
                self.singular(&post, &path, seed, feed);
            }
            post_items.insert(post.id, index);
            posts.push(Listed::of(&post));
        }
        Ok((posts, post_items))
    }

    /// What a post's or page's comments feed is made of, and the link its
    /// head names it with when WordPress's would (`feed_links_extra`).
    fn comments_feed(
        &self,
        item: &Post,
        raw: &Item,
        path: &str,
        is_page: bool,
        conversations: &Conversations,
    ) -> (CommentsFeedSource, Option<FeedLink>) {
        let title = item.display_title();
        let source = CommentsFeedSource {
            post: item.id,
            on: Commented {
                title: title.clone(),
                link: self.absolute(path),
                guid: decode_entities(item.guid.rendered.trim()),
                is_page,
            },
            path: feed_links::feed_path(path),
        };
        let count = conversations.of(item.id).len();
        // Pings are read only when they decide (comments closed, none had).
        let pings_open = || {
            #[derive(serde::Deserialize)]
            struct Pings {
                #[serde(default)]
                ping_status: String,
            }
            serde_json::from_str::<Pings>(raw.get()).is_ok_and(|p| p.ping_status == "open")
        };
        let named = names_comments_feed(item.comments_open(), false, count)
            || names_comments_feed(false, pings_open(), 0);
        let link = named.then(|| feed_links::extra(&self.site_name, Extra::Comments(&title), path));
        (source, link)
    }

    /// Home pages; the first with the sticky posts.
    fn home_pages(&mut self, lists: &Lists, description: &str) {
        let list = Arc::new(List {
            posts: lists.select(&PostFilter::None),
            filter: PostFilter::None,
            naming: None,
            with_sticky: true,
        });
        for page in 1..=lists.page_count(&list.posts, u32::MAX) {
            let path = Route::Home { page }.path();
            let title = if page == 1 {
                self.site_name.clone()
            } else {
                format!("Page {page} – {}", self.site_name)
            };
            self.listing(lists, &path, &title, description, &list, page, None);
        }
    }

    /// Archives: categories, tags and authors that have posts, whole, each
    /// seeded with the answer to the request that names it; what their
    /// feeds are made from.
    fn named_archives(
        &mut self,
        lists: &Lists,
        categories: &[Term],
        tags: &[Term],
        authors: &[Author],
    ) -> Result<Vec<FeedSource>, String> {
        let has_posts = |a: &&Author| lists.posts.iter().any(|l| l.post.author == a.id);
        let named = categories
            .iter()
            .map(|t| {
                (
                    Archive::category(&t.slug, &t.link),
                    t.display_name(),
                    PostFilter::Category(t.id),
                    one_item(t),
                )
            })
            .chain(tags.iter().filter(|t| t.count > 0).map(|t| {
                (
                    Archive::Tag(t.slug.clone()),
                    t.display_name(),
                    PostFilter::Tag(t.id),
                    one_item(t),
                )
            }))
            .chain(authors.iter().filter(has_posts).map(|a| {
                (
                    Archive::Author(a.slug.clone()),
                    a.display_name(),
                    PostFilter::Author(a.id),
                    one_item(a),
                )
            }))
            .collect::<Vec<_>>();
        let mut feeds = Vec::new();
        for (archive, name, filter, item) in named {
            let item = item?;
            let response = naming_route(&archive).map(|route| (route, item));
            feeds.push(FeedSource {
                archive: archive.clone(),
                name: name.clone(),
                filter: filter.clone(),
            });
            let named = Named {
                archive,
                name,
                filter,
                response,
            };
            self.archive(lists, named, u32::MAX);
        }
        Ok(feeds)
    }

    /// Date archives of the periods that have posts: years and months
    /// whole, days their first page.
    fn date_archives(&mut self, lists: &Lists) {
        let periods: BTreeSet<(u16, Option<u8>, Option<u8>)> = lists
            .posts
            .iter()
            .filter_map(|l| DateArchive::containing(&l.post.date))
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

    #[allow(clippy::too_many_arguments)]
    fn listing(
        &mut self,
        lists: &Lists,
        path: &str,
        title: &str,
        description: &str,
        list: &Arc<List>,
        page: u32,
        feed: Option<FeedLink>,
    ) {
        let lastmod = lists.newest_change(&list.posts, page);
        self.pages.push(PageJob {
            share: ShareMeta::for_listing(
                title,
                description,
                &self.absolute(path),
                &self.site_name,
            ),
            feed,
            path: path.to_string(),
            seed: OwnSeed::Listing {
                list: Arc::clone(list),
                page,
            },
            lastmod,
            in_sitemap: true,
        });
    }

    /// A post or page at `path`, and each further part of a split one.
    /// `false` when its address is no safe path.
    fn singular(
        &mut self,
        item: &Post,
        path: &str,
        own: OwnSeed,
        (feed_source, feed): (CommentsFeedSource, Option<FeedLink>),
    ) -> bool {
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
                feed: feed.clone(),
                path: part_path,
                seed: own.clone(),
                lastmod: Some(item.modified_gmt.clone()).filter(|m| !m.is_empty()),
                in_sitemap: !item.is_protected(),
            });
        }
        self.comment_feeds.push(feed_source);
        // `?p=` finds a page too (pages are written first: at an id both
        // could have, which never happens, the page stays).
        self.query_addresses.add(QueryVar::Post(item.id), path);
        if matches!(own, OwnSeed::Singular { is_page: true, .. }) {
            self.query_addresses.add(QueryVar::Page(item.id), path);
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
        // Its posts' feed, named in every one of its pages' heads.
        let of = match &archive {
            Archive::Category(_) => Some(Extra::Category(&name)),
            Archive::Tag(_) => Some(Extra::Tag(&name)),
            Archive::Author(_) => Some(Extra::Author(&name)),
            Archive::Date(_) => None,
        };
        let feed = of.map(|of| feed_links::extra(&self.site_name, of, &first));
        let var = match (&archive, &filter) {
            (_, PostFilter::Category(id)) => Some(QueryVar::Category(*id)),
            (Archive::Tag(slug), _) => Some(QueryVar::Tag(slug)),
            (_, PostFilter::Author(id)) => Some(QueryVar::Author(*id)),
            (Archive::Date(d), _) => Some(QueryVar::Date {
                year: d.year,
                month: d.month,
                day: d.day,
            }),
            _ => None,
        };
        if let Some(var) = var {
            self.query_addresses.add(var, &first);
        }
        let list = Arc::new(List {
            posts: lists.select(&filter),
            filter,
            naming: response,
            with_sticky: false,
        });
        for page in 1..=lists.page_count(&list.posts, last_page) {
            let path = Route::Archive {
                archive: archive.clone(),
                page,
            }
            .path();
            self.listing(lists, &path, &name, &description, &list, page, feed.clone());
        }
    }
}

fn decoded<T: serde::de::DeserializeOwned>(raw: Vec<Value>) -> Vec<T> {
    raw.into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect()
}

/// The posts as list requests (`_embed=author,wp:term`) answer them: no
/// content, no featured image. Each is kept as its entry's JSON text, with
/// the few fields a list selects and dates it by.
struct Lists {
    posts: Vec<Listed>,
    per_page: u32,
    /// Each category's own id and its descendants' (a category's list
    /// includes its children's posts).
    families: HashMap<u64, Vec<u64>>,
    /// Whether the posts are in WordPress's order, newest first (they are
    /// as the API lists them; checked, not assumed).
    newest_first: bool,
}

/// One post as lists show it.
struct Listed {
    /// Its entry in a list response.
    json: Box<str>,
    /// What `selects` reads: the post without its content or embeds.
    post: Post,
    /// When it last changed (`modified_gmt`, else `date_gmt`).
    changed: String,
}

impl Listed {
    fn of(p: &Post) -> Listed {
        let mut listed = slim_post(p, false);
        if let Some(embedded) = listed.embedded.as_mut() {
            embedded.featured_media.clear();
        }
        let json = serde_json::to_string(&listed).unwrap_or_else(|_| "{}".into());
        // What feeds select a category's posts by, whichever way the API
        // gave them.
        if listed.categories.is_empty() {
            listed.categories = p.categories().iter().map(|t| t.id).collect();
        }
        listed.embedded = None;
        listed.excerpt = Default::default();
        listed.title = Default::default();
        let changed = if p.modified_gmt.is_empty() {
            p.date_gmt.clone()
        } else {
            p.modified_gmt.clone()
        };
        Listed {
            json: json.into(),
            post: listed,
            changed,
        }
    }
}

impl Lists {
    fn new(posts: Vec<Listed>, per_page: u32, families: HashMap<u64, Vec<u64>>) -> Lists {
        let newest_first = posts.windows(2).all(|w| w[0].post.date >= w[1].post.date);
        Lists {
            posts,
            per_page,
            families,
            newest_first,
        }
    }

    /// The posts a list request with `filter` answers with, in order.
    fn select(&self, filter: &PostFilter) -> Vec<usize> {
        match filter {
            // A period is a run of the posts, newest first: found by two
            // binary searches, not a pass over the site per day.
            PostFilter::Date(period) if self.newest_first => {
                let (after, before) = period.bounds();
                let date = |l: &Listed| l.post.date.get(..19).unwrap_or(&l.post.date).to_string();
                let start = self
                    .posts
                    .partition_point(|l| date(l).as_str() >= before.as_str());
                let end = self
                    .posts
                    .partition_point(|l| date(l).as_str() > after.as_str());
                (start..end.max(start)).collect()
            }
            _ => (0..self.posts.len())
                .filter(|&i| selects(filter, &self.posts[i].post, &self.families))
                .collect(),
        }
    }

    /// How many pages a list of `selected` has, at most `last_page`: an
    /// empty list is one empty page, as WordPress answers it.
    fn page_count(&self, selected: &[usize], last_page: u32) -> u32 {
        (selected.len() as u32)
            .div_ceil(self.per_page)
            .clamp(1, last_page)
    }

    /// Page `page` of `selected`, with WordPress's totals.
    fn page_of(&self, selected: &[usize], page: u32) -> SeededResponse {
        self.response(self.on_page(selected, page), selected.len(), self.per_page)
    }

    /// A list response of `shown`, one page of `total` at `per_page`: the
    /// entries' texts joined, as `serde_json` writes a list of them.
    fn response(&self, shown: &[usize], total: usize, per_page: u32) -> SeededResponse {
        let mut body = String::from("[");
        for (n, &i) in shown.iter().enumerate() {
            if n > 0 {
                body.push(',');
            }
            body.push_str(&self.posts[i].json);
        }
        body.push(']');
        SeededResponse {
            body,
            paging: Paging {
                total: total as u32,
                total_pages: (total as u32).div_ceil(per_page),
            },
        }
    }

    fn on_page<'a>(&self, selected: &'a [usize], page: u32) -> &'a [usize] {
        let start = (page.saturating_sub(1) * self.per_page) as usize;
        let end = (start + self.per_page as usize).min(selected.len());
        selected.get(start..end).unwrap_or_default()
    }

    /// When page `page` of `selected` last changed: the newest change of
    /// the posts it lists (for the sitemap's `lastmod`).
    fn newest_change(&self, selected: &[usize], page: u32) -> Option<String> {
        self.on_page(selected, page)
            .iter()
            .map(|&i| &self.posts[i].changed)
            .max()
            .filter(|m| !m.is_empty())
            .cloned()
    }

    /// The answer to the home page's sticky posts request: every sticky
    /// post, on one page.
    fn sticky(&self) -> SeededResponse {
        let sticky: Vec<usize> = (0..self.posts.len())
            .filter(|&i| self.posts[i].post.sticky)
            .collect();
        self.response(&sticky, sticky.len(), sticky.len().max(1) as u32)
    }
}

/// Whether a list request with `filter` answers with `post`: WordPress's
/// `categories` with its children (`families`), `tags`, `author`, and
/// `after`/`before` (exclusive, on the local `post_date`). Searches are
/// never prerendered.
pub fn selects(filter: &PostFilter, post: &Post, families: &HashMap<u64, Vec<u64>>) -> bool {
    match filter {
        PostFilter::None => true,
        PostFilter::Category(id) => match families.get(id) {
            Some(family) => family.iter().any(|c| post.categories.contains(c)),
            None => post.categories.contains(id),
        },
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

    fn lists_of(posts: &[Post], per_page: u32) -> Lists {
        Lists::new(
            posts.iter().map(Listed::of).collect(),
            per_page,
            HashMap::new(),
        )
    }

    /// Every page of what `filter` selects: number, route, response.
    fn pages_of(
        lists: &Lists,
        filter: &PostFilter,
        last_page: u32,
    ) -> Vec<(u32, String, SeededResponse)> {
        let selected = lists.select(filter);
        (1..=lists.page_count(&selected, last_page))
            .map(|page| {
                (
                    page,
                    posts_route(page, filter),
                    lists.page_of(&selected, page),
                )
            })
            .collect()
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
        let lists = lists_of(&posts, 2);
        let pages = |filter| pages_of(&lists, &filter, u32::MAX);
        let all = pages(PostFilter::None);
        assert_eq!(
            all.iter().map(|(_, _, r)| ids(r)).collect::<Vec<_>>(),
            [vec![5, 4], vec![3, 2], vec![1]]
        );
        assert_eq!((all[0].2.paging.total, all[0].2.paging.total_pages), (5, 3));
        assert_eq!(ids(&pages(PostFilter::Category(2))[0].2), [5, 4]);
        // A category's list has its children's posts too (3 is 2's child).
        let child = Term {
            id: 3,
            parent: 2,
            ..Term::default()
        };
        let parent = Term {
            id: 2,
            ..Term::default()
        };
        let nested = Lists::new(
            posts.iter().map(Listed::of).collect(),
            2,
            families(&[parent, child]),
        );
        let family = pages_of(&nested, &PostFilter::Category(2), u32::MAX);
        assert_eq!(
            family.iter().map(|(_, _, r)| ids(r)).collect::<Vec<_>>(),
            [vec![5, 4], vec![3, 2], vec![1]]
        );
        assert_eq!(
            ids(&pages_of(&nested, &PostFilter::Category(3), u32::MAX)[0].2),
            [3, 1]
        );
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
        let unsorted = lists_of(&shuffled, 2);
        assert!(!unsorted.newest_first);
        let mut feb_ids = ids(&pages_of(&unsorted, &PostFilter::Date(feb), u32::MAX)[0].2);
        feb_ids.sort();
        assert_eq!(feb_ids, [3, 4]);
        // At most `last_page`; lists carry no content.
        assert_eq!(pages_of(&lists, &PostFilter::None, 1).len(), 1);
        assert!(!all[0].2.body.contains("body"));
    }

    #[test]
    fn a_list_page_is_as_new_as_its_newest_post_and_reads_as_serde_writes_it() {
        let mut a = post(2, "2023-02-01T00:00:00", &[2], &[], 1);
        a.date_gmt = "2023-02-01T00:00:00".into();
        a.sticky = true;
        let mut b = post(1, "2023-01-01T00:00:00", &[2], &[], 1);
        b.date_gmt = "2023-01-01T00:00:00".into();
        b.modified_gmt = "2024-05-06T07:08:09".into();
        let lists = lists_of(&[a.clone(), b.clone()], 1);
        let all = lists.select(&PostFilter::None);
        assert_eq!(
            lists.newest_change(&all, 1).as_deref(),
            Some("2023-02-01T00:00:00")
        );
        assert_eq!(
            lists.newest_change(&all, 2).as_deref(),
            Some("2024-05-06T07:08:09")
        );
        let two = lists_of(&[a.clone(), b.clone()], 2);
        assert_eq!(
            two.newest_change(&all, 1).as_deref(),
            Some("2024-05-06T07:08:09")
        );
        // The joined texts are the list serde writes of the same entries.
        let listed = |p: &Post| slim_post(p, false);
        assert_eq!(
            two.page_of(&all, 1).body,
            serde_json::to_string(&[listed(&a), listed(&b)]).unwrap()
        );
        let sticky = two.sticky();
        assert_eq!(ids(&sticky), [2]);
        assert_eq!((sticky.paging.total, sticky.paging.total_pages), (1, 1));
        let none = lists_of(&[b], 2).sticky();
        assert_eq!((none.body.as_str(), none.paging.total_pages), ("[]", 0));
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
