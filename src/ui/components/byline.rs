use blog_core::data::dates::{datetime_attr, format_date};
use blog_core::data::models::Post;
use blog_core::data::route::{Archive, DateArchive};
use leptos::prelude::*;

/// "By Nidhi · 14 March 2023 · Therapy": who, when, where it is filed.
#[component]
pub fn Byline(post: Post, #[prop(optional)] with_categories: bool) -> impl IntoView {
    let author = post.author_name();
    let author_href = post.author_slug().map(|slug| Archive::Author(slug).path());
    let date = format_date(&post.date);
    // The day's archive, as WordPress themes link the date.
    let date_href = DateArchive::containing(&post.date).map(|[_, _, day]| day.path());
    let datetime = datetime_attr(&post.date).to_string();
    let categories = if with_categories {
        post.categories()
    } else {
        Vec::new()
    };
    view! {
        <p class="byline">
            {author.map(|a| view! {
                <span class="author">"By " {match author_href {
                    Some(href) => view! { <a href=href rel="author">{a}</a> }.into_any(),
                    None => a.into_any(),
                }}</span>
            })}
            {date.map(|d| {
                let time = view! { <time datetime=datetime>{d}</time> };
                match date_href {
                    Some(href) => view! { <a class="date" href=href>{time}</a> }.into_any(),
                    None => time.into_any(),
                }
            })}
            {(!categories.is_empty()).then(|| view! {
                <span class="categories">
                    <span class="visually-hidden">"Filed under "</span>
                    // A separator in the text, not only drawn: read aloud and
                    // copied, the names never run together.
                    {categories.into_iter().enumerate().map(|(i, c)| {
                        let href = Archive::category(&c.slug, &c.link).path();
                        view! { {(i > 0).then_some(", ")}<a href=href>{c.display_name()}</a> }
                    }).collect_view()}
                </span>
            })}
        </p>
    }
}
