use blog_core::data::models::Post;
use blog_core::data::responsive_image::{featured_image, FEATURED_SIZES};
use blog_core::rules::sanitize_policy::Source;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::transport::wordpress;
use crate::ui::comments::section::CommentsSection;
use crate::ui::components::byline::Byline;
use crate::ui::components::problem::Problem;
use crate::ui::components::skeleton::ArticleSkeleton;
use crate::ui::page_data::PageData;
use crate::ui::pages::not_found::NotFoundPage;
use crate::ui::safe_html::SafeHtml;

/// `/<slug>/`: one article.
#[component]
pub fn PostPage(slug: String) -> impl IntoView {
    let resource = PageData::new(wordpress::cached_post(&slug).map(Ok), move || {
        let slug = slug.clone();
        async move { wordpress::post_by_slug(&slug).await }
    });
    move || {
        match resource.get() {
        None => view! { <ArticleSkeleton /> }.into_any(),
        Some(Err(error)) => {
            view! { <Problem error page=true on_retry=Callback::new(move |_| resource.refetch()) /> }
                .into_any()
        }
        Some(Ok(None)) => view! { <NotFoundPage /> }.into_any(),
        Some(Ok(Some(post))) => view! { <Article post /> }.into_any(),
    }
    }
}

#[component]
fn Article(post: Post) -> impl IntoView {
    let title = post.display_title();
    let description = post.plain_excerpt();
    // The page's largest picture: the one image fetched at high priority,
    // its box reserved by its intrinsic size, a phone-sized copy for phones.
    let image = post
        .featured_image()
        .as_ref()
        .and_then(featured_image)
        .map(|img| {
            view! {
                <figure class="featured-image">
                    <img
                        src=img.src
                        srcset=img.srcset
                        sizes=FEATURED_SIZES
                        alt=img.alt
                        width=img.width
                        height=img.height
                        fetchpriority="high"
                    />
                </figure>
            }
        });
    let content = post.content.rendered.clone();
    let (id, open) = (post.id, post.comments_open());
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=description />
        <article class="post">
            <header class="post-header">
                <h1>{title}</h1>
                <Byline post with_categories=true />
            </header>
            {image}
            <SafeHtml html=content source=Source::Post class="entry-content" />
        </article>
        <CommentsSection post=id open />
    }
}
