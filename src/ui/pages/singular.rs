//! A post or a page (`/<slug>/`, `/<parent>/<child>/`), with the part of a
//! post split with `<!--nextpage-->` (`/<slug>/2/`) and the password prompt
//! of a protected one.

use blog_core::data::models::Post;
use blog_core::data::responsive_image::{featured_image, FEATURED_SIZES};
use blog_core::data::route::Route;
use blog_core::data::singular::{parts, Singular};
use blog_core::rules::sanitize_policy::Source;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::transport::wordpress;
use crate::ui::comments::section::CommentsSection;
use crate::ui::components::byline::Byline;
use crate::ui::components::password_form::PasswordForm;
use crate::ui::components::problem::Problem;
use crate::ui::components::skeleton::ArticleSkeleton;
use crate::ui::page_data::PageData;
use crate::ui::pages::not_found::NotFoundPage;
use crate::ui::safe_html::{SafeHtml, SafeTitle};

#[component]
pub fn SingularPage(path: String, part: u32) -> impl IntoView {
    let lookup = path.clone();
    let resource = PageData::new(wordpress::cached_singular(&path).map(Ok), move || {
        let path = lookup.clone();
        async move { wordpress::singular(&path).await }
    });
    move || match resource.get() {
        None => view! { <ArticleSkeleton /> }.into_any(),
        Some(Err(error)) => view! {
            <Problem error page=true on_retry=Callback::new(move |_| resource.refetch()) />
        }
        .into_any(),
        Some(Ok(None)) => view! { <NotFoundPage /> }.into_any(),
        Some(Ok(Some(item))) if item.item().is_protected() => {
            view! { <Protected item path=path.clone() part /> }.into_any()
        }
        Some(Ok(Some(item))) => {
            let is_page = item.is_page();
            let post = match item {
                Singular::Post(p) | Singular::Page(p) => p,
            };
            view! { <Article post is_page path=path.clone() part password=None /> }.into_any()
        }
    }
}

/// A protected post or page: WordPress's prompt until the password is
/// right, then the article. The content never came with the page.
#[component]
fn Protected(item: Singular, path: String, part: u32) -> impl IntoView {
    let unlocked = RwSignal::new(None::<(Post, String)>);
    let is_page = item.is_page();
    let title = item.item().display_title();
    let on_unlock = Callback::new(move |unlock: (Post, String)| unlocked.set(Some(unlock)));
    let prompt = item.clone();
    move || match unlocked.get() {
        Some((post, password)) => {
            view! { <Article post is_page path=path.clone() part password=Some(password) /> }
                .into_any()
        }
        None => view! {
            <Title text=title.clone() />
            <article class=if is_page { "page protected" } else { "post protected" }>
                <PostHeader post=prompt.item().clone() is_page />
                <PasswordForm item=prompt.clone() on_unlock />
            </article>
        }
        .into_any(),
    }
}

#[component]
fn Article(
    post: Post,
    is_page: bool,
    path: String,
    part: u32,
    /// What a protected post was unlocked with.
    #[prop(optional_no_strip)]
    password: Option<String>,
) -> impl IntoView {
    let all_parts = parts(&post.content.rendered);
    let Some(content) = all_parts.get(part as usize - 1).cloned() else {
        return view! { <NotFoundPage /> }.into_any();
    };
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
    let (id, open) = (post.id, post.comments_open());
    let shows_comments = post.shows_comments(is_page);
    let part_title = if part > 1 {
        format!("{title} – Page {part}")
    } else {
        title
    };
    view! {
        <Title text=part_title />
        <Meta name="description" content=description />
        <article class=if is_page { "page" } else { "post" }>
            <PostHeader post=post.clone() is_page />
            {image}
            <SafeHtml html=content source=Source::Post class="entry-content" />
            <PartLinks path part count=all_parts.len() as u32 />
            {(!is_page).then(|| view! { <Tags post /> })}
        </article>
        {shows_comments.then(|| view! { <CommentsSection post=id open password=password.clone() /> })}
    }
    .into_any()
}

/// The title (its inline markup kept) and, for a post, the byline.
#[component]
fn PostHeader(post: Post, is_page: bool) -> impl IntoView {
    let title = post.title.rendered.clone();
    view! {
        <header class="post-header">
            <h1><SafeTitle html=title /></h1>
            {(!is_page).then(|| view! { <Byline post with_categories=true /> })}
        </header>
    }
}

/// "Pages: 1 2 3", as WordPress's `wp_link_pages` writes it.
#[component]
fn PartLinks(path: String, part: u32, count: u32) -> impl IntoView {
    (count > 1).then(|| {
        let links = (1..=count)
            .map(|n| {
                let href = Route::Singular {
                    path: path.clone(),
                    part: n,
                }
                .path();
                if n == part {
                    view! { <span class="current" aria-current="page">{n}</span> }.into_any()
                } else {
                    view! { <a href=href>{n}</a> }.into_any()
                }
            })
            .collect_view();
        view! {
            <nav class="page-links" aria-label="Parts of this post">
                <span class="page-links-title">"Pages:"</span>
                {links}
            </nav>
        }
    })
}

/// The post's tags, each linking to its archive.
#[component]
fn Tags(post: Post) -> impl IntoView {
    let tags = post.tags();
    (!tags.is_empty()).then(|| {
        view! {
            <p class="post-tags">
                <span class="tags-label">"Tagged "</span>
                {tags.into_iter().enumerate().map(|(i, t)| {
                    let href = blog_core::data::route::Archive::Tag(t.slug.clone()).path();
                    view! { {(i > 0).then_some(", ")}<a href=href rel="tag">{t.display_name()}</a> }
                }).collect_view()}
            </p>
        }
    })
}
