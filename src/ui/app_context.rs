//! What the app shell provides to every component below it. It lives apart
//! from `app.rs` so that the header, pages and chat read it without
//! importing the shell that renders them.

use leptos::prelude::*;

/// The site's identity (REST index), shared by the header and page titles.
#[derive(Clone, Copy)]
pub struct SiteName(pub Signal<String>);
