//! A paginated list of posts: the home page, archives and search share it.

use blog_core::data::error::ApiError;
use blog_core::data::models::Post;
use blog_core::data::pagination::Paging;
use leptos::prelude::*;

use crate::ui::components::pager::Pager;
use crate::ui::components::post_summary::PostSummary;
use crate::ui::components::problem::Problem;
use crate::ui::components::skeleton::ListSkeleton;
use crate::ui::page_data::PageData;
use crate::ui::pages::not_found::NotFoundPage;

/// What a list page loaded: its posts, or `None` when the page does not exist.
pub type Listing = Option<(Vec<Post>, Paging)>;

/// Renders a list resource in every state.
pub fn render_listing(
    resource: PageData<Result<Listing, ApiError>>,
    page: u32,
    path_for: Callback<u32, String>,
    empty: &'static str,
) -> impl IntoView {
    move || {
        match resource.get() {
        None => view! { <ListSkeleton /> }.into_any(),
        Some(Err(error)) => {
            view! { <Problem error focus=true on_retry=Callback::new(move |_| resource.refetch()) /> }
                .into_any()
        }
        Some(Ok(None)) => view! { <NotFoundPage /> }.into_any(),
        Some(Ok(Some((posts, _)))) if posts.is_empty() => {
            view! { <p class="empty">{empty}</p> }.into_any()
        }
        Some(Ok(Some((posts, paging)))) => view! {
            <div class="post-list">
                {posts.into_iter().map(|post| view! { <PostSummary post /> }).collect_view()}
            </div>
            <Pager page paging path_for />
        }
        .into_any(),
    }
    }
}

/// A listing straight from the cache (see `PageData`).
pub fn ready_listing(
    page: Option<crate::transport::client::Page<Vec<Post>>>,
) -> Option<Result<Listing, ApiError>> {
    page.map(|p| Ok(Some((p.items, p.paging))))
}

/// What an empty list says.
pub const NOTHING_PUBLISHED: &str = "Nothing has been published here yet.";

/// WordPress answers a page past the end with 400 `rest_post_invalid_page_number`:
/// for a reader that is a page that does not exist.
pub fn page_past_end(error: &ApiError) -> bool {
    error.code() == Some("rest_post_invalid_page_number")
}
