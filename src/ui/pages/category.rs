use blog_core::data::error::ApiError;
use blog_core::data::route::Route;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::transport::wordpress;
use crate::ui::page_data::PageData;
use crate::ui::pages::post_list::{page_past_end, ready_listing, render_listing, Listing};

/// `/category/<slug>/`: the posts filed under one category.
#[component]
pub fn CategoryPage(slug: String, page: u32) -> impl IntoView {
    // Both of its responses in the cache: the category and its posts.
    let cached = wordpress::cached_category(&slug).and_then(|term| match term {
        None => Some((String::new(), Ok(None))),
        Some(t) => {
            let listing = ready_listing(wordpress::cached_posts(page, Some(t.id)))?;
            Some((t.display_name(), listing))
        }
    });
    let (ready_name, ready) = cached.unzip();
    let name = RwSignal::new(ready_name.unwrap_or_default());
    let lookup_slug = slug.clone();
    let resource = PageData::new(ready, move || {
        let slug = lookup_slug.clone();
        async move {
            let Some(category) = wordpress::category_by_slug(&slug).await? else {
                return Ok::<Listing, ApiError>(None);
            };
            name.set(category.display_name());
            match wordpress::posts(page, Some(category.id)).await {
                Ok(p) => Ok(Some((p.items, p.paging))),
                Err(e) if page_past_end(&e) => Ok(None),
                Err(e) => Err(e),
            }
        }
    });
    let path_for = Callback::new(move |n| {
        Route::Category {
            slug: slug.clone(),
            page: n,
        }
        .path()
    });
    view! {
        <Title text=move || name.get() />
        <Meta name="description" content=move || format!("Posts filed under {}", name.get()) />
        <header class="archive-header">
            <p class="archive-kind">"Category"</p>
            <h1>{move || name.get()}</h1>
        </header>
        {render_listing(resource, page, path_for)}
    }
}
