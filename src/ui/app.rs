//! The app shell: meta context, router, header, the current page, footer.

use blog_core::data::route::Route;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Title};
use leptos_router::components::{Route as RouterRoute, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::transport::{config, wordpress};
use crate::ui::app_context::SiteName;
use crate::ui::chat::widget::ChatWidget;
use crate::ui::components::site_footer::SiteFooter;
use crate::ui::components::site_header::SiteHeader;
use crate::ui::page_data::PageData;
use crate::ui::pages::{
    archive::ArchivePage, home::HomePage, not_found::NotFoundPage, search::SearchPage,
    singular::SingularPage,
};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site = PageData::new(wordpress::cached_site_info().map(Ok), wordpress::site_info);
    let name = Signal::derive(move || {
        site.get()
            .and_then(|r| r.ok())
            .map(|s| s.display_name())
            .unwrap_or_default()
    });
    provide_context(SiteName(name));
    let lang = config::get().lang;

    view! {
        <Html attr:lang=lang />
        <Title formatter=move |text: String| {
            let site = name.get();
            if text.is_empty() || text == site { site } else if site.is_empty() { text } else { format!("{text} – {site}") }
        } />
        <Router>
            // `target="_self"`: the browser, not the router, follows this link, so
            // focus moves to <main> (tabindex -1) and the next Tab starts there.
            <a class="skip-link" href="#content" target="_self">"Skip to content"</a>
            <SiteHeader />
            <main id="content" tabindex="-1">
                // One catch-all route: the router then commits each navigation
                // (address bar, scroll), and `CurrentPage` does the matching.
                <Routes fallback=NotFoundPage>
                    <RouterRoute path=path!("/") view=CurrentPage />
                    <RouterRoute path=path!("/*any") view=CurrentPage />
                </Routes>
            </main>
            <SiteFooter />
            <RoutedChat />
        </Router>
    }
}

/// The chat, following the router's address.
#[component]
fn RoutedChat() -> impl IntoView {
    let location = use_location();
    view! { <ChatWidget path=location.pathname /> }
}

/// Picks the page for the current path. Matching lives in `blog_core` so the
/// trailing slash rules are tested natively.
#[component]
fn CurrentPage() -> impl IntoView {
    let location = use_location();
    let route =
        Memo::new(move |_| Route::from_location(&location.pathname.get(), &location.search.get()));
    move || match route.get() {
        Route::Home { page } => view! { <HomePage page /> }.into_any(),
        Route::Search { terms, page } => view! { <SearchPage terms page /> }.into_any(),
        Route::Archive { archive, page } => view! { <ArchivePage archive page /> }.into_any(),
        Route::Singular { path, part } => view! { <SingularPage path part /> }.into_any(),
        Route::NotFound => view! { <NotFoundPage /> }.into_any(),
    }
}
