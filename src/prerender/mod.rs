//! Build-time prerendering (feature `ssr`, native): every published post,
//! the home pages and the category pages, rendered by the app's own
//! components into `dist/<path>/index.html`, each page carrying the API
//! responses it was rendered from (`blog_core::data::seed`) so the app takes
//! it over without a request (`ui::takeover`).
//!
//! crawl (HTTP, the API's pages) → pages to render with their seeds →
//! render (Leptos SSR) → document (the shell with the page put in, the app
//! left to start on demand: app_on_demand).

pub mod api;
pub mod app_on_demand;
pub mod comment_feeds;
pub mod conversations;
pub mod crawl;
pub mod document;
pub mod feeds;
pub mod inline_styles;
pub mod manifest;
pub mod render;
pub mod site_icon;
