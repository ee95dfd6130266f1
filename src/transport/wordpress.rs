//! One function per WordPress REST route the app reads.
//!
//! Each route has its builder (`*_route`), used for requests, for the cache
//! and by the prerenderer to seed a page with the responses it was rendered
//! from; and a `cached_*` reader that answers at once from the cache, so a
//! seeded or revisited page renders in its first frame. The early loader in
//! `index.html` builds the home, page and post routes the same way.

use blog_core::data::error::ApiError;
use blog_core::data::models::{Author, Post, SiteInfo, Term};
use blog_core::data::query::encode_component;
use blog_core::data::route::{Archive, DateArchive, Route};
use blog_core::data::singular::{self, Singular};
use futures::future::join;
use serde_json::Value;

use crate::transport::client::{get_cached, get_fresh_with, peek, Page};
use crate::transport::config;

/// `GET /` trimmed to the fields the header uses.
pub const SITE_INFO_ROUTE: &str = "?_fields=name,description,url,site_icon";

/// What a list of posts is narrowed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostFilter {
    None,
    Category(u64),
    Tag(u64),
    Author(u64),
    /// Published within a period (exclusive bounds, see `DateArchive::bounds`).
    Date(DateArchive),
    Search(String),
}

/// A page of posts, with the author and terms embedded so a list costs one
/// request.
pub fn posts_route(page: u32, filter: &PostFilter) -> String {
    posts_route_per(page, config::get().posts_per_page, filter)
}

/// The same with `per_page` given (the early loader's template has a
/// placeholder there: `boot_rules`).
fn posts_route_per(page: u32, per_page: impl std::fmt::Display, filter: &PostFilter) -> String {
    let filter = match filter {
        PostFilter::None => String::new(),
        // Its children's posts too, as WordPress's category archive lists them.
        PostFilter::Category(id) => {
            format!("&categories[terms]={id}&categories[include_children]=1")
        }
        PostFilter::Tag(id) => format!("&tags={id}"),
        PostFilter::Author(id) => format!("&author={id}"),
        PostFilter::Date(period) => {
            let (after, before) = period.bounds();
            format!("&after={after}&before={before}")
        }
        PostFilter::Search(terms) => format!("&search={}", encode_component(terms)),
    };
    format!("wp/v2/posts?page={page}&per_page={per_page}&_embed=author,wp:term{filter}")
}

/// The sticky posts, which the first home page shows first.
pub const STICKY_ROUTE: &str = "wp/v2/posts?sticky=true&per_page=100&_embed=author,wp:term";

/// The post with this slug, with author, terms and featured image embedded.
pub fn post_route(slug: &str) -> String {
    format!("wp/v2/posts?slug={slug}&_embed=author,wp:term,wp:featuredmedia")
}

/// The pages with this slug (one per parent), author and image embedded.
pub fn pages_route(slug: &str) -> String {
    format!("wp/v2/pages?slug={slug}&_embed=author,wp:featuredmedia")
}

/// The top-level pages in menu order: the default site menu.
pub const MENU_ROUTE: &str =
    "wp/v2/pages?parent=0&orderby=menu_order&order=asc&per_page=100&_fields=id,title,link,menu_order";

/// The category with this slug.
pub fn category_route(slug: &str) -> String {
    format!("wp/v2/categories?slug={slug}")
}

/// The tag with this slug.
pub fn tag_route(slug: &str) -> String {
    format!("wp/v2/tags?slug={slug}")
}

/// The author with this slug.
pub fn author_route(slug: &str) -> String {
    format!("wp/v2/users?slug={slug}")
}

/// The requests a page at `route` asks for first, before anything else is
/// known: what the early loader in `index.html` starts while the WASM
/// downloads (the site info aside). The loader reads its routes, reserved
/// words and limits from the `#blog-boot` block (`boot_rules`), and
/// `tests/vectors/early-requests.json` holds both to the same answers.
pub fn first_requests(route: &Route) -> Vec<String> {
    match route {
        Route::Home { page: 1 } => {
            vec![posts_route(1, &PostFilter::None), STICKY_ROUTE.to_string()]
        }
        Route::Singular { path, .. } => {
            let slug = last_segment(path);
            let mut routes = vec![pages_route(slug)];
            if Route::may_be_post(path) {
                routes.push(post_route(slug));
            }
            routes
        }
        _ => Vec::new(),
    }
}

pub async fn site_info() -> Result<SiteInfo, ApiError> {
    get_cached::<SiteInfo>(SITE_INFO_ROUTE)
        .await
        .map(|p| p.items)
}

pub fn cached_site_info() -> Option<SiteInfo> {
    peek::<SiteInfo>(SITE_INFO_ROUTE).map(|p| p.items)
}

/// The WordPress home's path (`/`, or `/blog/` for a site in a folder):
/// what its links are below. `/` until the site info has come.
pub fn home_path() -> String {
    singular::home_path(&cached_site_info().map(|s| s.url).unwrap_or_default())
}

pub async fn posts(page: u32, filter: &PostFilter) -> Result<Page<Vec<Post>>, ApiError> {
    get_cached(&posts_route(page, filter)).await
}

pub fn cached_posts(page: u32, filter: &PostFilter) -> Option<Page<Vec<Post>>> {
    peek(&posts_route(page, filter))
}

pub async fn sticky_posts() -> Result<Vec<Post>, ApiError> {
    get_cached(STICKY_ROUTE).await.map(|p: Page<_>| p.items)
}

pub fn cached_sticky_posts() -> Option<Vec<Post>> {
    peek(STICKY_ROUTE).map(|p: Page<_>| p.items)
}

pub async fn menu_pages() -> Result<Vec<Post>, ApiError> {
    get_cached(MENU_ROUTE).await.map(|p: Page<_>| p.items)
}

pub fn cached_menu_pages() -> Option<Vec<Post>> {
    peek(MENU_ROUTE).map(|p: Page<_>| p.items)
}

/// The slug a singular path is looked up by: its last segment.
fn last_segment(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The post or page at `path` (`about/team`): the page's and, for one
/// segment, the post's request go out together (one round trip), and the
/// page wins, as on WordPress. `None` when neither is there.
pub async fn singular(path: &str) -> Result<Option<Singular>, ApiError> {
    let slug = last_segment(path);
    let pages_route = pages_route(slug);
    let pages = get_cached::<Vec<Post>>(&pages_route);
    let posts = async {
        if !Route::may_be_post(path) {
            Ok(Page {
                items: Vec::new(),
                paging: Default::default(),
            })
        } else {
            get_cached::<Vec<Post>>(&post_route(slug)).await
        }
    };
    let (pages, posts) = join(pages, posts).await;
    Ok(singular::resolve(path, pages?.items, posts?.items))
}

pub fn cached_singular(path: &str) -> Option<Option<Singular>> {
    let slug = last_segment(path);
    let pages = peek::<Vec<Post>>(&pages_route(slug))?.items;
    let posts = if !Route::may_be_post(path) {
        Vec::new()
    } else {
        peek::<Vec<Post>>(&post_route(slug))?.items
    };
    Some(singular::resolve(path, pages, posts))
}

/// A protected post or page with its content (`get_fresh_with`: the
/// password only in a request body, never in a URL or the cache).
pub async fn unlock(item: &Singular, password: &str) -> Result<Post, ApiError> {
    let kind = if item.is_page() { "pages" } else { "posts" };
    let embed = if item.is_page() {
        "author,wp:featuredmedia"
    } else {
        "author,wp:term,wp:featuredmedia"
    };
    let route = format!("wp/v2/{kind}/{}?_embed={embed}", item.item().id);
    get_fresh_with(&route, Some(password))
        .await
        .map(|p| p.items)
}

/// The title an archive shows and the filter for its posts: a date archive
/// knows them from its address, the others from one request (`lookup`).
pub async fn archive_filter(archive: &Archive) -> Result<Option<(String, PostFilter)>, ApiError> {
    match lookup(archive) {
        Lookup::Known(found) => Ok(Some(found)),
        Lookup::Ask(route, read) => {
            let page: Page<Vec<Value>> = get_cached(&route).await?;
            Ok(page.items.into_iter().next().and_then(read))
        }
    }
}

/// The same from the cache; `None` when the cache does not have it.
pub fn cached_archive_filter(archive: &Archive) -> Option<Option<(String, PostFilter)>> {
    match lookup(archive) {
        Lookup::Known(found) => Some(Some(found)),
        Lookup::Ask(route, read) => Some(
            peek::<Vec<Value>>(&route)?
                .items
                .into_iter()
                .next()
                .and_then(read),
        ),
    }
}

type Found = (String, PostFilter);

enum Lookup {
    Known(Found),
    /// The route naming the archive (a list of one, or none), and how its
    /// item becomes the title and filter.
    Ask(String, fn(Value) -> Option<Found>),
}

/// The request whose one item names an archive (its term or author); a
/// date archive needs none. The prerenderer seeds its answer under it.
pub fn naming_route(archive: &Archive) -> Option<String> {
    match archive {
        Archive::Category(_) => archive.slug().map(category_route),
        Archive::Tag(slug) => Some(tag_route(slug)),
        Archive::Author(slug) => Some(author_route(slug)),
        Archive::Date(_) => None,
    }
}

fn lookup(archive: &Archive) -> Lookup {
    fn term(v: Value) -> Option<Term> {
        serde_json::from_value(v).ok()
    }
    let read: fn(Value) -> Option<Found> = match archive {
        Archive::Date(period) => return Lookup::Known((period.label(), PostFilter::Date(*period))),
        Archive::Category(_) => |v| term(v).map(|t| (t.display_name(), PostFilter::Category(t.id))),
        Archive::Tag(_) => |v| term(v).map(|t| (t.display_name(), PostFilter::Tag(t.id))),
        Archive::Author(_) => |v| {
            let a: Author = serde_json::from_value(v).ok()?;
            Some((a.display_name(), PostFilter::Author(a.id)))
        },
    };
    // Every archive but a date one has its naming request.
    Lookup::Ask(naming_route(archive).unwrap_or_default(), read)
}

/// The id of the inert JSON block in `index.html` the early loader reads
/// its rules from.
pub const BOOT_RULES_ID: &str = "blog-boot";

/// What the early loader needs to decide an address's first requests, as
/// data: the reserved first segments, how deep pages nest, the per-page
/// limits, and the routes with `{slug}` and `{perPage}` placeholders, each
/// made by the functions the app sends them with. `index.html` carries it
/// in `#blog-boot`; a test here writes it there (`BLESS=1 cargo test`) and
/// fails when the two differ, so a rule changes in Rust only.
pub fn boot_rules() -> Value {
    use blog_core::data::config::{DEFAULT_API_BASE, DEFAULT_POSTS_PER_PAGE, PER_PAGE_LIMIT};
    use blog_core::data::route::{MAX_DEPTH, RESERVED};
    serde_json::json!({
        "apiBase": DEFAULT_API_BASE,
        "reserved": RESERVED,
        "maxDepth": MAX_DEPTH,
        "perPage": { "default": DEFAULT_POSTS_PER_PAGE, "max": PER_PAGE_LIMIT },
        "routes": {
            "home": [posts_route_per(1, "{perPage}", &PostFilter::None), STICKY_ROUTE],
            "page": pages_route("{slug}"),
            "post": post_route("{slug}"),
            "siteInfo": SITE_INFO_ROUTE,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same vectors as `tests/e2e/early-loader.test.mjs`, which runs the
    /// loader itself: an address's first requests are decided once here.
    #[test]
    fn first_requests_match_the_shared_vectors() {
        let vectors: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/vectors/early-requests.json")).unwrap();
        let cases = vectors["cases"].as_array().unwrap();
        assert!(cases.len() > 20);
        for case in cases {
            let (path, search) = (
                case["path"].as_str().unwrap(),
                case["search"].as_str().unwrap(),
            );
            let want: Vec<String> = serde_json::from_value(case["routes"].clone()).unwrap();
            let route = Route::from_location(path, search);
            assert_eq!(first_requests(&route), want, "{path}{search} ({route:?})");
        }
    }

    /// `index.html`'s `#blog-boot` block is `boot_rules()`, as written by
    /// `BLESS=1 cargo test` (it rewrites the block, then passes).
    #[test]
    fn the_early_loader_reads_the_rules_of_this_file() {
        let file = concat!(env!("CARGO_MANIFEST_DIR"), "/index.html");
        let html = std::fs::read_to_string(file).unwrap();
        let open = format!("<script type=\"application/json\" id=\"{BOOT_RULES_ID}\">");
        let start = html
            .find(&open)
            .expect("index.html has the #blog-boot block")
            + open.len();
        let end = start
            + html[start..]
                .find("</script>")
                .expect("the block is closed");
        let want = boot_rules().to_string();
        if std::env::var_os("BLESS").is_some() && html[start..end] != want {
            std::fs::write(file, format!("{}{want}{}", &html[..start], &html[end..])).unwrap();
            return;
        }
        assert_eq!(
            &html[start..end],
            want,
            "index.html's #blog-boot block differs from transport::wordpress::boot_rules(): run `BLESS=1 cargo test` to write it"
        );
    }
}
