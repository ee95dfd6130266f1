use blog_core::data::error::ApiError;
use blog_core::data::route::Route;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::transport::wordpress;
use crate::ui::pages::post_list::{page_past_end, render_listing, Listing};

/// `/category/<slug>/`: the posts filed under one category.
#[component]
pub fn CategoryPage(slug: String, page: u32) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let lookup_slug = slug.clone();
    let resource = LocalResource::new(move || {
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
