//! The banner: the site's name linking home, the site menu and the search
//! form. Its height is fixed in CSS, so what arrives later shifts nothing.
//! The menu is a `<details>` disclosure on phones, so it opens before (and
//! without) the app; on wider screens it is a row of links.

use blog_core::data::config::MenuLink;
use blog_core::data::route::{search_terms, Route};
use blog_core::data::singular::{frontend_path, home_path};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use crate::transport::{config, wordpress};
use crate::ui::app_context::SiteName;
use crate::ui::page_data::PageData;

/// The search fields' ids (a wide and a narrow header), which the takeover
/// knows: what was typed before the app started stays.
pub const SEARCH_FIELD_IDS: [&str; 2] = ["site-search-wide", "site-search-narrow"];

#[component]
pub fn SiteHeader() -> impl IntoView {
    let SiteName(name) = expect_context::<SiteName>();
    let menu = site_menu();
    view! {
        <header class="site-header">
            <a class="site-title" href="/" aria-label=move || {
                let n = name.get();
                if n.is_empty() { "Home".to_string() } else { format!("{n}, home") }
            }>
                {move || name.get()}
            </a>
            <nav class="site-nav site-nav-wide" aria-label="Site">
                <MenuLinks menu />
                <SearchForm id=SEARCH_FIELD_IDS[0] />
            </nav>
            <details class="site-nav-narrow">
                <summary>"Menu"</summary>
                <nav class="site-nav" aria-label="Site">
                    <MenuLinks menu />
                    <SearchForm id=SEARCH_FIELD_IDS[1] />
                </nav>
            </details>
        </header>
    }
}

/// The configured menu, else the top-level pages in WordPress's menu order.
fn site_menu() -> PageData<Vec<MenuLink>> {
    if let Some(menu) = config::get().menu {
        return PageData::new(Some(menu), || async { Vec::new() });
    }
    let home = wordpress::cached_site_info()
        .map(|s| s.url)
        .unwrap_or_default();
    let links = move |pages: Vec<blog_core::data::models::Post>, home: &str| {
        let home_path = home_path(home);
        pages
            .into_iter()
            .filter_map(|p| {
                Some(MenuLink {
                    label: p.display_title(),
                    href: frontend_path(&p.link, &home_path)?,
                })
            })
            .filter(MenuLink::is_safe)
            .collect::<Vec<_>>()
    };
    let ready = wordpress::cached_menu_pages().map(|pages| links(pages, &home));
    PageData::new(ready, move || async move {
        let home = wordpress::site_info()
            .await
            .map(|s| s.url)
            .unwrap_or_default();
        // A menu that cannot load is no menu: the page itself still works.
        wordpress::menu_pages()
            .await
            .map(|pages| links(pages, &home))
            .unwrap_or_default()
    })
}

#[component]
fn MenuLinks(menu: PageData<Vec<MenuLink>>) -> impl IntoView {
    let location = use_location();
    move || {
        let here = location.pathname.get();
        let items = menu.get().unwrap_or_default();
        (!items.is_empty()).then(|| {
            view! {
                <ul class="menu">
                    {items.into_iter().map(|link| {
                        let current = (link.href == here).then_some("page");
                        view! { <li><a href=link.href aria-current=current>{link.label}</a></li> }
                    }).collect_view()}
                </ul>
            }
        })
    }
}

/// WordPress's search form: a plain GET to `/?s=`, which works before and
/// without the app; the app only saves the page load.
#[component]
fn SearchForm(id: &'static str) -> impl IntoView {
    let location = use_location();
    let current = move || search_terms(&location.search.get()).unwrap_or_default();
    let input = NodeRef::<leptos::html::Input>::new();
    let navigate = use_navigate();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(field) = input.get() else { return };
        ev.prevent_default();
        let terms = field.value();
        navigate(&Route::Search { terms, page: 1 }.path(), Default::default());
    };
    view! {
        <form role="search" class="search-form" action="/" method="get" on:submit=on_submit>
            <label for=id class="visually-hidden">"Search"</label>
            <input id=id node_ref=input type="search" name="s" prop:value=current
                placeholder="Search…" autocomplete="off" />
            <button type="submit">"Search"</button>
        </form>
    }
}
