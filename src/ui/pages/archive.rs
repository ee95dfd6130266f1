//! `/category/<slug>/`, `/tag/<slug>/`, `/author/<slug>/`, `/YYYY/[MM/[DD/]]`,
//! each with `/page/N/`: the posts filed under a term, by an author or of a
//! period.

use blog_core::data::error::ApiError;
use blog_core::data::route::{Archive, Route};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::transport::wordpress;
use crate::ui::page_data::PageData;
use crate::ui::pages::post_list::{
    page_past_end, ready_listing, render_listing, Listing, NOTHING_PUBLISHED,
};

#[component]
pub fn ArchivePage(archive: Archive, page: u32) -> impl IntoView {
    // Both of its responses in the cache: what names it and its posts.
    let cached = wordpress::cached_archive_filter(&archive).and_then(|found| match found {
        None => Some((String::new(), Ok(None))),
        Some((name, filter)) => {
            let listing = ready_listing(wordpress::cached_posts(page, &filter))?;
            Some((name, listing))
        }
    });
    let (ready_name, ready) = cached.unzip();
    let name = RwSignal::new(ready_name.unwrap_or_default());
    let lookup = archive.clone();
    let resource = PageData::new(ready, move || {
        let archive = lookup.clone();
        async move {
            let Some((title, filter)) = wordpress::archive_filter(&archive).await? else {
                return Ok::<Listing, ApiError>(None);
            };
            name.set(title);
            match wordpress::posts(page, &filter).await {
                Ok(p) => Ok(Some((p.items, p.paging))),
                Err(e) if page_past_end(&e) => Ok(None),
                Err(e) => Err(e),
            }
        }
    });
    let kind = archive.kind_label();
    let about = archive.clone();
    let description = move || about.description(&name.get());
    let route = Route::Archive { archive, page };
    let path_for = Callback::new(move |n| route.with_page(n).unwrap_or(Route::NotFound).path());
    // No such term or author: only the not-found page, with its own heading.
    let exists = move || !matches!(resource.get(), Some(Ok(None)));
    view! {
        <Show when=exists>
            <Title text=move || name.get() />
            <Meta name="description" content=description.clone() />
            <header class="archive-header">
                <p class="archive-kind">{kind}</p>
                <h1>{move || name.get()}</h1>
            </header>
        </Show>
        {render_listing(resource, page, path_for, NOTHING_PUBLISHED)}
    }
}
