//! One function per WordPress REST route the app reads.
//!
//! Each route has its builder (`*_route`), used for requests, for the cache
//! and by the prerenderer to seed a page with the responses it was rendered
//! from; and a `cached_*` reader that answers at once from the cache, so a
//! seeded or revisited page renders in its first frame.

use blog_core::data::error::ApiError;
use blog_core::data::models::{Post, SiteInfo, Term};

use crate::transport::client::{get_cached, peek, Page};
use crate::transport::config;

/// `GET /` trimmed to the fields the header uses.
pub const SITE_INFO_ROUTE: &str = "?_fields=name,description,url";

/// A page of the newest posts, optionally of one category, with the author
/// and terms embedded so a list costs one request.
pub fn posts_route(page: u32, category: Option<u64>) -> String {
    let per_page = config::get().posts_per_page;
    let filter = category
        .map(|id| format!("&categories={id}"))
        .unwrap_or_default();
    format!("wp/v2/posts?page={page}&per_page={per_page}&_embed=author,wp:term{filter}")
}

/// The post with this slug, with author, terms and featured image embedded.
pub fn post_route(slug: &str) -> String {
    format!("wp/v2/posts?slug={slug}&_embed=author,wp:term,wp:featuredmedia")
}

/// The category with this slug.
pub fn category_route(slug: &str) -> String {
    format!("wp/v2/categories?slug={slug}")
}

pub async fn site_info() -> Result<SiteInfo, ApiError> {
    get_cached::<SiteInfo>(SITE_INFO_ROUTE)
        .await
        .map(|p| p.items)
}

pub fn cached_site_info() -> Option<SiteInfo> {
    peek::<SiteInfo>(SITE_INFO_ROUTE).map(|p| p.items)
}

pub async fn posts(page: u32, category: Option<u64>) -> Result<Page<Vec<Post>>, ApiError> {
    get_cached(&posts_route(page, category)).await
}

pub fn cached_posts(page: u32, category: Option<u64>) -> Option<Page<Vec<Post>>> {
    peek(&posts_route(page, category))
}

/// `None` when WordPress answers `[]` (no such post).
pub async fn post_by_slug(slug: &str) -> Result<Option<Post>, ApiError> {
    let page: Page<Vec<Post>> = get_cached(&post_route(slug)).await?;
    Ok(page.items.into_iter().next())
}

pub fn cached_post(slug: &str) -> Option<Option<Post>> {
    peek::<Vec<Post>>(&post_route(slug)).map(|p| p.items.into_iter().next())
}

/// The category with this slug; `None` when there is none.
pub async fn category_by_slug(slug: &str) -> Result<Option<Term>, ApiError> {
    let page: Page<Vec<Term>> = get_cached(&category_route(slug)).await?;
    Ok(page.items.into_iter().next())
}

pub fn cached_category(slug: &str) -> Option<Option<Term>> {
    peek::<Vec<Term>>(&category_route(slug)).map(|p| p.items.into_iter().next())
}
