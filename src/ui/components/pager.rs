use blog_core::data::pagination::Paging;
use leptos::prelude::*;

/// "Newer posts" / "Older posts", as WordPress themes label them. `path_for`
/// builds the URL of a page number.
#[component]
pub fn Pager(page: u32, paging: Paging, path_for: Callback<u32, String>) -> impl IntoView {
    let newer = paging.has_prev(page).then(|| path_for.run(page - 1));
    let older = paging.has_next(page).then(|| path_for.run(page + 1));
    (newer.is_some() || older.is_some()).then(|| {
        view! {
            <nav class="pager" aria-label="Posts">
                {newer.map(|href| view! { <a class="newer" rel="prev" href=href>"← Newer posts"</a> })}
                <span class="page-count">{format!("Page {page} of {}", paging.total_pages)}</span>
                {older.map(|href| view! { <a class="older" rel="next" href=href>"Older posts →"</a> })}
            </nav>
        }
    })
}
