//! The comments section: count, threads, "Show more", the form.

use blog_core::data::comment::{anchor_of, anchored, Comment};
use blog_core::data::error::ApiError;
use blog_core::data::thread::{build_threads, ThreadNode};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::transport::comments::{
    load_deeper, load_first, load_page, seeded_first, CommentBatch, CommentsOf,
};
use crate::transport::config;
use crate::ui::comments::comment_item::{CommentItem, MAX_DEPTH};
use crate::ui::comments::form::CommentForm;
use crate::ui::comments::form_state::FormState;
use crate::ui::components::problem::Problem;

/// "No comments yet", "One comment", "6 comments".
pub fn count_label(n: u32) -> String {
    match n {
        0 => "No comments yet".to_string(),
        1 => "One comment".to_string(),
        n => format!("{n} comments"),
    }
}

/// Given by the comments' part while it attaches (`ui::conversation`):
/// the comment list shows its first `list` threads (growing by a few a
/// task, so that no task renders a long list at once), then the form joins
/// the section when `form` turns true. Without it, all is there at once.
#[derive(Clone, Copy)]
pub struct Unfold {
    pub list: ReadSignal<usize>,
    pub form: ReadSignal<bool>,
}

/// Where the conversation's first screen is.
#[derive(Clone, PartialEq)]
enum Shown {
    Loading,
    Failed(ApiError),
    /// Fetched, or seeded by a prerendered page (then refreshed).
    Ready,
}

#[derive(Clone, Default, PartialEq)]
struct Loaded {
    comments: Vec<Comment>,
    page: u32,
    total_pages: u32,
    total: u32,
    replies_complete: bool,
}

/// `password`: what a protected post was unlocked with; its comments are
/// read and written with it. `data-post` and `data-open` say whose they are
/// to the comments' part (`ui::conversation`), which attaches to the
/// prerendered section without decoding the post.
#[component]
pub fn CommentsSection(
    post: u64,
    open: bool,
    #[prop(optional_no_strip)] password: Option<String>,
) -> impl IntoView {
    let of = StoredValue::new(CommentsOf { post, password });
    let form = FormState::new(post, of);
    provide_context(form);
    let unfold = use_context::<Unfold>();
    let threads_shown = move || unfold.map_or(usize::MAX, |u| u.list.get());
    let form_shown = move || unfold.is_none_or(|u| u.form.get());
    let per_page = config::get().comments_per_page;
    // A prerendered page carries the first screen: it renders at once (and
    // at build time), and the app refreshes it from the API when it starts,
    // so comments approved or removed since the build appear or go.
    let seeded = seeded_first(&of.get_value(), per_page);
    let first =
        LocalResource::new(move || async move { load_first(&of.get_value(), per_page).await });
    let batch = Memo::new(move |_| match first.get() {
        Some(Ok(fresh)) => Some(fresh),
        _ => seeded.clone(),
    });
    // Read in place: cloning the whole answer to find its error is waste.
    let first_error = move || first.with(|r| r.as_ref().and_then(|r| r.as_ref().err().cloned()));
    // Named, so that the refresh replacing the seeded batch with the same
    // comments changes nothing on the page (the list only gains or loses
    // the threads that changed).
    let state = Memo::new(
        move |_| match (batch.with(Option::is_some), first_error()) {
            (true, _) => Shown::Ready,
            (false, None) => Shown::Loading,
            (false, Some(error)) => Shown::Failed(error),
        },
    );
    let more = RwSignal::new(Vec::<Comment>::new());
    let page = RwSignal::new(1u32);
    let loading_more = RwSignal::new(false);
    let more_error = RwSignal::new(None);

    // Browser-only, so in an effect: first restore what this device kept
    // (draft, name, held comments), then keep every keystroke there, so
    // nothing typed is lost to a reload or a failed post.
    Effect::new(move |restored: Option<()>| {
        form.content.track();
        form.name.track();
        form.email.track();
        form.url.track();
        match restored {
            None => form.load_from_device(),
            Some(()) => form.save_draft(),
        }
    });

    let loaded = Memo::new(move |_| {
        let batch: CommentBatch = batch.get()?;
        let mut comments = batch.comments.clone();
        comments.extend(more.get());
        Some(Loaded {
            comments,
            page: page.get(),
            total_pages: batch.top_paging.total_pages,
            total: batch.top_paging.total + batch.reply_total,
            replies_complete: batch.replies_complete,
        })
    });
    // Deeper replies of a large thread follow once the first screen shows.
    let frontier = StoredValue::new(Vec::<Comment>::new());
    let deeper_error = RwSignal::new(None);
    let fetch_deeper = move || {
        let pending = frontier.get_value();
        if pending.is_empty() {
            return;
        }
        deeper_error.set(None);
        spawn_local(async move {
            match load_deeper(&of.get_value(), pending).await {
                Ok(replies) => {
                    frontier.set_value(Vec::new());
                    more.update(|m| m.extend(replies));
                }
                Err(e) => deeper_error.set(Some(e)),
            }
        });
    };
    Effect::new(move |_| {
        if let Some(Ok(batch)) = first.get() {
            frontier.set_value(batch.frontier);
            fetch_deeper();
        }
    });
    // A held comment that now shows up approved is no longer kept apart.
    Effect::new(move |_| {
        if let Some(l) = loaded.get() {
            form.forget_published(&l.comments);
        }
    });

    let show_more = move || {
        let Some(l) = loaded.get_untracked() else {
            return;
        };
        loading_more.set(true);
        more_error.set(None);
        spawn_local(async move {
            match load_page(&of.get_value(), l.page + 1, per_page, l.replies_complete).await {
                Ok(batch) => {
                    more.update(|m| m.extend(batch.comments));
                    page.set(l.page + 1);
                }
                Err(e) => more_error.set(Some(e)),
            }
            loading_more.set(false);
        });
    };

    // A link to a comment (`/a-post/#comment-12`, as WordPress's feeds and
    // comment links name one) finds it past the first screen: "Show more"
    // until it is loaded, then focus goes to it, once. A failed page stops
    // there, with its Retry.
    let linked = StoredValue::new(None::<u64>);
    Effect::new(move |first_run: Option<()>| {
        if first_run.is_none() {
            linked.set_value(anchored(&window().location().hash().unwrap_or_default()));
        }
        let Some(id) = linked.get_value() else {
            return;
        };
        let Some(l) = loaded.get() else {
            return;
        };
        if l.comments.iter().any(|c| c.id == id) {
            linked.set_value(None);
            focus_when_shown(anchor_of(id), 50);
        } else if l.page < l.total_pages && !loading_more.get() && more_error.with(Option::is_none)
        {
            show_more();
        }
    });

    let threads = move || {
        let l = loaded.get()?;
        let mut all = l.comments;
        all.extend(form.mine.get());
        Some(build_threads(&all, MAX_DEPTH))
    };
    let heading = move || {
        let published = loaded.get().map_or(0, |l| l.total);
        let mine = form
            .mine
            .with(|m| m.iter().filter(|c| c.is_approved()).count() as u32);
        count_label(published + mine)
    };

    view! {
        <section class="comments" aria-labelledby="comments-title" data-post=post data-open=open.to_string()>
            <h2 id="comments-title">{move || match batch.with(Option::is_some) {
                true => heading(),
                false => "Comments".to_string(),
            }}</h2>
            {noscript_note()}
            {move || match state.get() {
                Shown::Loading => view! { <p class="comments-loading" aria-busy="true">"Loading comments…"</p> }.into_any(),
                Shown::Failed(error) => view! {
                    <Problem error on_retry=Callback::new(move |_| first.refetch()) />
                }.into_any(),
                Shown::Ready => view! {
                    // Keyed by thread (see `ThreadNode::render_key`): "Show
                    // more" renders the new threads only, a reply its own thread.
                    <ol class="comment-list">
                        <For
                            each=move || match threads_shown() {
                                0 => Vec::new(),
                                shown => {
                                    let mut threads = threads().unwrap_or_default();
                                    threads.truncate(shown);
                                    threads
                                }
                            }
                            key=ThreadNode::render_key
                            children=|node| view! { <CommentItem node /> }
                        />
                    </ol>
                    {move || loaded.get().filter(|l| l.page < l.total_pages).map(|_| view! {
                        <button type="button" class="show-more" on:click=move |_| show_more() disabled=move || loading_more.get()>
                            {move || if loading_more.get() { "Loading…" } else { "Show more comments" }}
                        </button>
                    })}
                    {move || deeper_error.get().map(|error| view! {
                        <Problem error on_retry=Callback::new(move |_| fetch_deeper()) />
                    })}
                    {move || more_error.get().map(|error| view! {
                        <Problem error on_retry=Callback::new(move |_| show_more()) />
                    })}
                    // The comments as built are shown; newer ones could not be read.
                    {move || first_error().map(|error| view! {
                        <Problem error on_retry=Callback::new(move |_| first.refetch()) />
                    })}
                }.into_any(),
            }}
            {if open {
                view! { {move || (form.reply_to.with(Option::is_none) && form_shown()).then(|| view! { <CommentForm /> })} }.into_any()
            } else {
                view! { <p class="comments-closed">"Comments are closed."</p> }.into_any()
            }}
        </section>
    }
}

/// Focus on the element `id` (a comment's `<li>`, which takes focus), and
/// so into view, once it is on the page: the comments' part puts a long
/// list in place a few threads a task.
fn focus_when_shown(id: String, tries: u32) {
    match document().get_element_by_id(&id) {
        // A comment's `<li>`: an HTML element.
        Some(el) => {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
        None if tries > 0 => set_timeout(
            move || focus_when_shown(id, tries - 1),
            std::time::Duration::from_millis(100),
        ),
        None => {}
    }
}

/// In prerendered HTML only, for readers without JavaScript: they read
/// the comments the page was built with; the loading line, the form, the
/// reply buttons and "Show more" are hidden from them by
/// `@media (scripting: none)`.
#[cfg(feature = "ssr")]
fn noscript_note() -> impl IntoView {
    view! {
        <noscript>
            <p class="noscript-note">
                "JavaScript is turned off in this browser. Turn it on to write a comment, to reply, or to see more comments."
            </p>
        </noscript>
    }
}

#[cfg(not(feature = "ssr"))]
fn noscript_note() -> impl IntoView {}

#[cfg(test)]
mod tests {
    use super::count_label;

    #[test]
    fn counts_read_like_wordpress() {
        assert_eq!(count_label(0), "No comments yet");
        assert_eq!(count_label(1), "One comment");
        assert_eq!(count_label(6), "6 comments");
    }
}
