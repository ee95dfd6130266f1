use blog_core::data::models::Post;
use blog_core::data::singular::post_path;
use leptos::prelude::*;

use crate::transport::wordpress;
use crate::ui::components::byline::Byline;
use crate::ui::safe_html::SafeTitle;

/// One post in a list: title (the link), byline, excerpt as plain text.
#[component]
pub fn PostSummary(post: Post) -> impl IntoView {
    // At its permalink's path, as WordPress links it.
    let href = post_path(&post, &wordpress::home_path());
    let title = post.display_title();
    let excerpt = post.plain_excerpt();
    view! {
        <article class="post-summary">
            <h2><a href=href.clone()><SafeTitle html=post.title.rendered.clone() /></a></h2>
            <Byline post />
            <p class="excerpt">{excerpt}</p>
            // The visible words start the accessible name (WCAG 2.5.3).
            <a class="read-more" href=href>"Read more"<span class="visually-hidden">{format!(" of “{title}”")}</span></a>
        </article>
    }
}
