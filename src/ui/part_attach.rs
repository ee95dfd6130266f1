//! How the parts of a prerendered page (the comments' `ui::conversation`,
//! the chat's `ui::chat_part`, each its own small bundle) attach to it:
//! each prerendered piece is replaced by the same component, rendered from
//! the page's seed (the same markup, so nothing moves), and what the reader
//! did there before is carried over (`carry_over::Carried`). No router, no
//! pages, no second render of the article; links stay ordinary links
//! between prerendered pages (or the app's shell, for an address built
//! later). Pages the parts cannot serve (a password prompt, a search) start
//! the whole app instead: the prerenderer names the parts only where they
//! suffice.

use std::collections::VecDeque;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::ui::carry_over::{Carried, PRERENDERED_ID};

/// Set on the prerendered page as its parts attach: the names of those
/// that did (`"comments"`, `"chat"`), space-separated.
pub const ATTACHED_ATTR: &str = "data-interactive";

/// The prerendered page's wrapper, if this is a prerendered page.
pub fn prerendered_page() -> Option<Element> {
    leptos::prelude::document().get_element_by_id(PRERENDERED_ID)
}

/// Notes on `page` that the part named `piece` has attached.
pub fn mark_attached(page: &Element, piece: &str) {
    let mut attached = page.get_attribute(ATTACHED_ATTR).unwrap_or_default();
    if !attached.split(' ').any(|p| p == piece) {
        if !attached.is_empty() {
            attached.push(' ');
        }
        attached.push_str(piece);
        let _ = page.set_attribute(ATTACHED_ATTR, &attached);
    }
}

pub type Step = Box<dyn FnOnce()>;

/// Runs `steps` in order, each in a task of its own (after the tasks the
/// one before it started, see `own_tasks`), so the page answers input
/// between them: on a phone each is tens of milliseconds of rendering and
/// of the WASM compiling the code it runs for the first time.
pub fn in_turn(mut steps: VecDeque<Step>) {
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

/// Renders `view` into a node outside the page and returns it.
pub fn render_aside<N: IntoView + 'static>(view: impl FnOnce() -> N + 'static) -> Option<Element> {
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
pub fn put_in_place(old: &Element, fresh: Element) {
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
