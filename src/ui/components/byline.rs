use blog_core::data::dates::{datetime_attr, format_date};
use blog_core::data::models::Post;
use blog_core::data::route::Route;
use leptos::prelude::*;

/// "By Nidhi · 14 March 2023 · Therapy": who, when, where it is filed.
#[component]
pub fn Byline(post: Post, #[prop(optional)] with_categories: bool) -> impl IntoView {
    let author = post.author_name();
    let date = format_date(&post.date);
    let datetime = datetime_attr(&post.date).to_string();
    let categories = if with_categories {
        post.categories()
    } else {
        Vec::new()
    };
    view! {
        <p class="byline">
            {author.map(|a| view! { <span class="author">"By " {a}</span> })}
            {date.map(|d| view! { <time datetime=datetime>{d}</time> })}
            {(!categories.is_empty()).then(|| view! {
                <span class="categories">
                    <span class="visually-hidden">"Filed under "</span>
                    // A separator in the text, not only drawn: read aloud and
                    // copied, the names never run together.
                    {categories.into_iter().enumerate().map(|(i, c)| {
                        let href = Route::Category { slug: c.slug.clone(), page: 1 }.path();
                        view! { {(i > 0).then_some(", ")}<a href=href>{c.display_name()}</a> }
                    }).collect_view()}
                </span>
            })}
        </p>
    }
}
