use blog_core::data::error::ApiError;
use blog_core::data::models::Post;
use blog_core::data::route::Route;
use blog_core::data::singular::with_sticky_first;
use futures::future::join;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::transport::client::Page;
use crate::transport::wordpress::{self, PostFilter};
use crate::ui::app_context::SiteName;
use crate::ui::page_data::PageData;
use crate::ui::pages::post_list::{
    page_past_end, ready_listing, render_listing, Listing, NOTHING_PUBLISHED,
};

/// `/` and `/page/N/`: the newest posts, the sticky ones first on the first
/// page (as WordPress orders them).
#[component]
pub fn HomePage(page: u32) -> impl IntoView {
    let SiteName(site) = expect_context::<SiteName>();
    let cached = wordpress::cached_posts(page, &PostFilter::None);
    let ready = if page == 1 {
        cached
            .zip(wordpress::cached_sticky_posts())
            .map(with_sticky)
    } else {
        cached
    };
    let resource = PageData::new(ready_listing(ready), move || async move {
        let listed = if page == 1 {
            let (listed, sticky) = join(
                wordpress::posts(page, &PostFilter::None),
                wordpress::sticky_posts(),
            )
            .await;
            listed.and_then(|l| Ok(with_sticky((l, sticky?))))
        } else {
            wordpress::posts(page, &PostFilter::None).await
        };
        match listed {
            Ok(p) => Ok::<Listing, ApiError>(Some((p.items, p.paging))),
            Err(e) if page_past_end(&e) => Ok(None),
            Err(e) => Err(e),
        }
    });
    let title = move || match (page, site.get()) {
        (1, s) => s,
        (n, s) => format!("Page {n} – {s}"),
    };
    view! {
        <Title text=title />
        <Meta name="description" content=move || format!("The newest posts of {}", site.get()) />
        <h1 class="visually-hidden">{move || if page == 1 { "Newest posts".to_string() } else { format!("Posts, page {page}") }}</h1>
        {render_listing(resource, page, Callback::new(|n| Route::Home { page: n }.path()), NOTHING_PUBLISHED)}
    }
}

fn with_sticky((page, sticky): (Page<Vec<Post>>, Vec<Post>)) -> Page<Vec<Post>> {
    Page {
        items: with_sticky_first(sticky, page.items),
        paging: page.paging,
    }
}
