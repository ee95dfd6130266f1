use blog_core::data::route::Route;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::transport::wordpress;
use crate::ui::app::SiteName;
use crate::ui::page_data::PageData;
use crate::ui::pages::post_list::{page_past_end, ready_listing, render_listing, Listing};

/// `/` and `/page/N/`: the newest posts.
#[component]
pub fn HomePage(page: u32) -> impl IntoView {
    let SiteName(site) = expect_context::<SiteName>();
    let ready = ready_listing(wordpress::cached_posts(page, None));
    let resource = PageData::new(ready, move || async move {
        match wordpress::posts(page, None).await {
            Ok(p) => Ok::<Listing, _>(Some((p.items, p.paging))),
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
        {render_listing(resource, page, Callback::new(|n| Route::Home { page: n }.path()))}
    }
}
