//! `/?s=<terms>` and `/search/<terms>/`: what WordPress finds for the terms,
//! through the REST `search` parameter. Whatever was typed, the answer is
//! results or "nothing found"; the terms are only ever text on the page.

use blog_core::data::error::ApiError;
use blog_core::data::route::Route;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::transport::wordpress::{self, PostFilter};
use crate::ui::page_data::PageData;
use crate::ui::pages::post_list::{page_past_end, ready_listing, render_listing, Listing};

/// WordPress's words when a search finds nothing.
const NOTHING_FOUND: &str =
    "Sorry, but nothing matched your search terms. Please try again with some different keywords.";

/// WordPress reads at most this much of a query (longer ones change no
/// result, and a URL must stay within what servers accept).
const MAX_TERMS: usize = 200;

#[component]
pub fn SearchPage(terms: String, page: u32) -> impl IntoView {
    let terms: String = terms.trim().chars().take(MAX_TERMS).collect();
    let filter = PostFilter::Search(terms.clone());
    let ready = ready_listing(wordpress::cached_posts(page, &filter));
    let resource = PageData::new(ready, move || {
        let filter = filter.clone();
        async move {
            match wordpress::posts(page, &filter).await {
                Ok(p) => Ok::<Listing, ApiError>(Some((p.items, p.paging))),
                Err(e) if page_past_end(&e) => Ok(None),
                Err(e) => Err(e),
            }
        }
    });
    let heading = format!("Search results for “{terms}”");
    let route = Route::Search {
        terms: terms.clone(),
        page,
    };
    let path_for = Callback::new(move |n| route.with_page(n).unwrap_or(Route::NotFound).path());
    view! {
        <Title text=heading.clone() />
        <Meta name="robots" content="noindex" />
        <header class="archive-header">
            <p class="archive-kind">"Search"</p>
            <h1>{heading}</h1>
        </header>
        {render_listing(resource, page, path_for, NOTHING_FOUND)}
    }
}
