//! `SafeHtml` at build time: the same allowlist applied by a native parser
//! (`blog_core::rules::sanitize_native`), written into the page as HTML. The
//! browser's own `SafeHtml` (`safe_html.rs`) re-sanitises when the app takes
//! over; this copy only serves readers before that, and without JavaScript.

use blog_core::rules::sanitize_policy::Source;
use leptos::prelude::*;

#[component]
pub fn SafeHtml(html: String, source: Source, #[prop(into)] class: String) -> impl IntoView {
    let inner = blog_core::rules::sanitize_native::sanitize_for_page(&html, source);
    view! { <div class=class inner_html=inner></div> }
}

/// A title's inline formatting, as the browser's `SafeTitle` keeps it.
#[component]
pub fn SafeTitle(html: String) -> impl IntoView {
    let inner = blog_core::rules::sanitize_native::sanitize_for_page(&html, Source::Title);
    view! { <span inner_html=inner></span> }
}
