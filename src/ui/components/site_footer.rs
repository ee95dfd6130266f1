use leptos::prelude::*;

use crate::ui::app_context::SiteName;

#[component]
pub fn SiteFooter() -> impl IntoView {
    let SiteName(name) = expect_context::<SiteName>();
    view! {
        <footer class="site-footer">
            <p>{move || name.get()}</p>
            <nav aria-label="Footer">
                <a href="/">"All posts"</a>
            </nav>
        </footer>
    }
}
