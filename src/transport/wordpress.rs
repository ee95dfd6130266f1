//! One function per WordPress REST route the app reads.

use blog_core::data::error::ApiError;
use blog_core::data::models::{Post, SiteInfo, Term};

use crate::transport::client::{get_cached, Page};
use crate::transport::config;

/// `GET /` trimmed to the fields the header uses.
pub async fn site_info() -> Result<SiteInfo, ApiError> {
    get_cached::<SiteInfo>("?_fields=name,description,url")
        .await
        .map(|p| p.items)
}

/// A page of the newest posts, optionally of one category, with the author
/// and terms embedded so a list costs one request.
pub async fn posts(page: u32, category: Option<u64>) -> Result<Page<Vec<Post>>, ApiError> {
    let per_page = config::get().posts_per_page;
    let filter = category
        .map(|id| format!("&categories={id}"))
        .unwrap_or_default();
    get_cached(&format!(
        "wp/v2/posts?page={page}&per_page={per_page}&_embed=author,wp:term{filter}"
    ))
    .await
}

/// The post with this slug, with author, terms and featured image embedded;
/// `None` when WordPress answers `[]` (no such post).
pub async fn post_by_slug(slug: &str) -> Result<Option<Post>, ApiError> {
    let page: Page<Vec<Post>> = get_cached(&format!(
        "wp/v2/posts?slug={slug}&_embed=author,wp:term,wp:featuredmedia"
    ))
    .await?;
    Ok(page.items.into_iter().next())
}

/// The category with this slug; `None` when there is none.
pub async fn category_by_slug(slug: &str) -> Result<Option<Term>, ApiError> {
    let page: Page<Vec<Term>> = get_cached(&format!("wp/v2/categories?slug={slug}")).await?;
    Ok(page.items.into_iter().next())
}
