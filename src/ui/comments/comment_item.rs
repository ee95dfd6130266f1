//! One comment and its replies.

use blog_core::data::comment::Comment;
use blog_core::data::dates::{datetime_attr, format_date};
use blog_core::data::thread::{can_reply, ThreadNode};
use blog_core::rules::sanitize_policy::{clean_url, secure_avatar_url, Source};
use leptos::prelude::*;

use crate::ui::comments::form::CommentForm;
use crate::ui::comments::form_state::{FormState, ReplyTarget};
use crate::ui::safe_html::SafeHtml;

/// WordPress's default thread depth.
pub const MAX_DEPTH: usize = blog_core::data::thread::DEFAULT_MAX_DEPTH;

/// Avatars are drawn at this size (CSS pixels), with room reserved for them.
const AVATAR_SIZE: u32 = 48;

#[component]
pub fn CommentItem(node: ThreadNode) -> impl IntoView {
    let form = expect_context::<FormState>();
    let ThreadNode {
        comment,
        depth,
        children,
    } = node;
    let id = comment.id;
    let author = comment.display_author();
    let held = !comment.is_approved();
    let replying_here = move || form.reply_to.with(|r| r.as_ref().map(|r| r.id) == Some(id));
    let reply_button_id = format!("reply-to-{id}");
    let reply = (can_reply(depth, MAX_DEPTH) && !held).then(|| {
        let author = author.clone();
        view! {
            <button
                type="button"
                class="reply-button link-button"
                id=reply_button_id
                aria-label=format!("Reply to {author}")
                aria-expanded=move || replying_here().to_string()
                on:click=move |_| form.retarget(Some(ReplyTarget { id, author: author.clone() }))
            >
                "Reply"
            </button>
        }
    });
    view! {
        <li class="comment" class:held=held id=comment.anchor() tabindex="-1">
            <article class="comment-body" aria-label=format!("Comment by {author}")>
                <CommentHeader comment=comment.clone() />
                {held.then(|| view! {
                    <p class="moderation-notice">"Your comment is awaiting moderation."</p>
                })}
                <SafeHtml html=comment.content.rendered.clone() source=Source::Comment class="comment-content" />
                {reply}
            </article>
            {move || replying_here().then(|| view! { <CommentForm /> })}
            {(!children.is_empty()).then(|| view! {
                <ol class="children">
                    {children.into_iter().map(|child| view! { <CommentItem node=child /> }.into_any()).collect_view()}
                </ol>
            })}
        </li>
    }
}

#[component]
fn CommentHeader(comment: Comment) -> impl IntoView {
    let author = comment.display_author();
    let avatar = comment
        .avatar_url(AVATAR_SIZE)
        .and_then(secure_avatar_url)
        .map(|src| {
            view! {
                <img class="avatar" src=src alt="" width=AVATAR_SIZE height=AVATAR_SIZE loading="lazy" decoding="async" />
            }
        });
    // Only web links: the author's site is untrusted input.
    let link = clean_url(&comment.author_url)
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let name = match link {
        Some(href) => {
            view! { <a class="comment-author" href=href rel="nofollow ugc noopener">{author}</a> }
                .into_any()
        }
        None => view! { <span class="comment-author">{author}</span> }.into_any(),
    };
    let date = format_date(&comment.date).map(|d| {
        view! { <time datetime=datetime_attr(&comment.date).to_string()>{d}</time> }
    });
    view! {
        <header class="comment-meta">
            {avatar}
            <div>
                <p class="comment-author-line">{name}</p>
                <p class="comment-date">{date}</p>
            </div>
        </header>
    }
}
