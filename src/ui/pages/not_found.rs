use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// A real not-found page, with a way home.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text="Page not found" />
        <Meta name="robots" content="noindex" />
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. It may have moved, or the link may be mistyped."</p>
            <p><a href="/">"Go to the newest posts"</a></p>
        </section>
    }
}
