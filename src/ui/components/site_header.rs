use leptos::prelude::*;

use crate::ui::app::SiteName;

/// The banner: the site's name, linking home. Its height is fixed in CSS, so
/// the name arriving later shifts nothing.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let SiteName(name) = expect_context::<SiteName>();
    view! {
        <header class="site-header">
            <a class="site-title" href="/" aria-label=move || {
                let n = name.get();
                if n.is_empty() { "Home".to_string() } else { format!("{n}, home") }
            }>
                {move || name.get()}
            </a>
        </header>
    }
}
