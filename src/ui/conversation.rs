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

use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::transport::wordpress;
use crate::ui::app_context::SiteName;
use crate::ui::carry_over::{note_launcher_shown, Carried, OPEN_CHAT_ATTR, PRERENDERED_ID};
use crate::ui::chat::widget::ChatWidget;
use crate::ui::comments::section::{CommentsSection, Unfold};
use crate::ui::own_tasks;

/// Set on the prerendered page once the part has attached to it.
pub const ATTACHED_ATTR: &str = "data-interactive";

pub fn start() {
    let document = leptos::prelude::document();
    let Some(page) = document.get_element_by_id(PRERENDERED_ID) else {
        return;
    };
    own_tasks::init();
    // Each step runs in a task of its own, so the page answers input
    // between them (on a phone each is tens of milliseconds of rendering
    // and of the WASM compiling the code it runs): first what the reader
    // came for, the chat if they pressed its launcher, else the comments.
    let mut steps = comments_steps(&page);
    let chat: Step = {
        let page = page.clone();
        Box::new(move || attach_chat(&page))
    };
    if page.has_attribute(OPEN_CHAT_ATTR) {
        steps.push_front(chat);
    } else {
        steps.push_back(chat);
    }
    steps.push_back(Box::new(move || {
        let _ = page.set_attribute(ATTACHED_ATTR, "");
    }));
    in_turn(steps);
}

type Step = Box<dyn FnOnce()>;

/// Runs `steps` in order, each in a task of its own (after the tasks the
/// one before it started, see `own_tasks`).
fn in_turn(mut steps: VecDeque<Step>) {
    if let Some(step) = steps.pop_front() {
        set_timeout(
            move || {
                step();
                in_turn(steps);
            },
            Duration::ZERO,
        );
    }
}

/// The comments section in four steps: rendered aside without its list and
/// form, then with the list, then with the form (each a good part of the
/// code the WASM compiles as it first runs), then put in the prerendered
/// section's place.
fn comments_steps(page: &Element) -> VecDeque<Step> {
    let Some(section) = page.query_selector("section.comments").ok().flatten() else {
        return VecDeque::new();
    };
    let Some(post) = section
        .get_attribute("data-post")
        .and_then(|id| id.parse::<u64>().ok())
    else {
        return VecDeque::new();
    };
    let open = section.get_attribute("data-open").as_deref() == Some("true");
    let (list, show_list) = signal(false);
    let (form, show_form) = signal(false);
    let fresh = Rc::new(Cell::new(None));
    let rendered = fresh.clone();
    VecDeque::from([
        Box::new(move || {
            rendered.set(own_tasks::apart(|| {
                render_aside(move || {
                    provide_context(Unfold { list, form });
                    view! { <CommentsSection post open /> }
                })
            }))
        }) as Step,
        Box::new(move || show_list.set(true)),
        Box::new(move || show_form.set(true)),
        Box::new(move || {
            if let Some(fresh) = fresh.take() {
                put_in_place(&section, fresh);
            }
        }),
    ])
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
    if let Some(fresh) = render_aside(move || {
        provide_context(SiteName(Signal::stored(name)));
        view! { <ChatWidget path=Signal::stored(path) /> }
    }) {
        put_in_place(&chat, fresh);
    }
}

/// Renders `view` into a node outside the page and returns it.
fn render_aside<N: IntoView + 'static>(view: impl FnOnce() -> N + 'static) -> Option<Element> {
    let holder = leptos::prelude::document()
        .create_element("div")
        .ok()?
        .dyn_into::<HtmlElement>()
        .ok()?;
    leptos::mount::mount_to(holder.clone(), view).forget();
    holder.first_element_child()
}

/// Puts `fresh` in `old`'s place, carrying over what the reader did there
/// (in one task: the browser never paints without either).
fn put_in_place(old: &Element, fresh: Element) {
    let carried = Carried::capture(old);
    if old.replace_with_with_node_1(&fresh).is_err() {
        return;
    }
    let children = fresh.children();
    let fresh_children = (0..children.length())
        .filter_map(|i| children.item(i))
        .collect();
    carried.restore(fresh_children);
}
