//! The interactive part of a prerendered page: what a reader who reaches
//! the comments, or presses the chat launcher, needs, and nothing else. Its
//! own small bundle (`src/bin/conversation.rs`, `part.html`) attaches the
//! comments section and the chat to the page as it is: no router, no pages,
//! no second render of the article. Links stay ordinary links between
//! prerendered pages (or the app's shell, for an address built later).
//!
//! Each prerendered piece is replaced by the same component, rendered from
//! the page's seed (the same markup, so nothing moves), each in a task of
//! its own; what
//! the reader did there before is carried over (`carry_over::Carried`). Pages
//! the part cannot serve (a password prompt, a search) start the whole app
//! instead: the prerenderer names the part only where it suffices.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::transport::wordpress;
use crate::ui::app_context::SiteName;
use crate::ui::carry_over::{note_launcher_shown, Carried, OPEN_CHAT_ATTR, PRERENDERED_ID};
use crate::ui::chat::widget::ChatWidget;
use crate::ui::comments::section::CommentsSection;

/// Set on the prerendered page once the part has attached to it.
pub const ATTACHED_ATTR: &str = "data-interactive";

pub fn start() {
    let document = leptos::prelude::document();
    let Some(page) = document.get_element_by_id(PRERENDERED_ID) else {
        return;
    };
    // Each piece is attached in its own task, so the page answers input
    // between them (on a phone each is tens of milliseconds of rendering and
    // of the WASM compiling the code it runs): first what the reader came
    // for, the chat if they pressed its launcher, else the comments.
    let chat_first = page.has_attribute(OPEN_CHAT_ATTR);
    let pieces: [fn(&Element); 2] = if chat_first {
        [attach_chat, attach_comments]
    } else {
        [attach_comments, attach_chat]
    };
    pieces[0](&page);
    set_timeout(
        move || {
            pieces[1](&page);
            let _ = page.set_attribute(ATTACHED_ATTR, "");
        },
        std::time::Duration::ZERO,
    );
}

fn attach_comments(page: &Element) {
    let Some(section) = page.query_selector("section.comments").ok().flatten() else {
        return;
    };
    let post = section
        .get_attribute("data-post")
        .and_then(|id| id.parse::<u64>().ok());
    let open = section.get_attribute("data-open").as_deref() == Some("true");
    if let Some(post) = post {
        replace(&section, move || {
            view! { <CommentsSection post open /> }
        });
    }
}

fn attach_chat(page: &Element) {
    let Some(chat) = page.query_selector(".chat").ok().flatten() else {
        return;
    };
    note_launcher_shown(page);
    let path = window().location().pathname().unwrap_or_default();
    let name = wordpress::cached_site_info()
        .map(|s| s.display_name())
        .unwrap_or_default();
    replace(&chat, move || {
        provide_context(SiteName(Signal::stored(name)));
        view! { <ChatWidget path=Signal::stored(path) /> }
    });
}

/// Renders `view` and puts it in `old`'s place in the same task (the
/// browser never paints without it), carrying over what the reader did.
fn replace<N: IntoView + 'static>(old: &Element, view: impl FnOnce() -> N + 'static) {
    let carried = Carried::capture(old);
    let Some(holder) = leptos::prelude::document()
        .create_element("div")
        .ok()
        .and_then(|d| d.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    leptos::mount::mount_to(holder.clone(), view).forget();
    let Some(fresh) = holder.first_element_child() else {
        return;
    };
    if old.replace_with_with_node_1(&fresh).is_err() {
        return;
    }
    let children = fresh.children();
    let fresh_children = (0..children.length())
        .filter_map(|i| children.item(i))
        .collect();
    carried.restore(fresh_children);
}
