use leptos::prelude::*;

/// Grey bars where a post list will be; the same height as the real thing,
/// so nothing below jumps when it arrives.
#[component]
pub fn ListSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true" aria-label="Loading posts">
            {(0..3).map(|_| view! {
                <div class="skeleton-card">
                    <div class="bar title"></div>
                    <div class="bar short"></div>
                    <div class="bar"></div>
                    <div class="bar"></div>
                </div>
            }).collect_view()}
        </div>
    }
}

/// Grey bars where an article will be.
#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton article-skeleton" aria-busy="true" aria-label="Loading the article">
            <div class="bar title"></div>
            <div class="bar short"></div>
            {(0..8).map(|_| view! { <div class="bar"></div> }).collect_view()}
        </div>
    }
}
