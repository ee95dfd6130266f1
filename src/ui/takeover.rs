//! Starts the app. On a prerendered page the article is already on screen,
//! inside `<div id="prerendered">`: the app renders the same page from the
//! page's seed (no request, see `transport::seed`), then the old nodes are
//! removed in the same task, so the browser never paints a frame without the
//! text, and nothing moves (the wrapper is `display: contents`).
//!
//! On a prerendered page the app starts only when the reader needs it (the
//! starter in index.html: the comments come near, the reader turns to the
//! form or the chat). What the reader did before it started is kept: focus
//! goes to the same place, text typed into the comment form moves into the
//! app's form (which then keeps it as a draft), a press on the chat launcher
//! opens the chat, and a launcher already shown stays (`ui::carry_over`).
//! Focus, text and the press wait for the next frame: the route's content is
//! mounted by the app's first tasks, after `mount`.

use crate::ui::app::App;
use crate::ui::carry_over::{note_launcher_shown, Carried, PRERENDERED_ID};

pub fn start() {
    let document = web_sys::window().and_then(|w| w.document());
    let old = document
        .as_ref()
        .and_then(|d| d.get_element_by_id(PRERENDERED_ID));
    let carried = old.as_ref().map(Carried::capture);
    if let Some(old) = &old {
        note_launcher_shown(old);
    }

    leptos::mount::mount_to_body(App);

    let (Some(old), Some(carried)) = (old, carried) else {
        return;
    };
    // The app's top-level elements follow the wrapper in <body>.
    let mut fresh = Vec::new();
    let mut next = old.next_element_sibling();
    while let Some(el) = next {
        next = el.next_element_sibling();
        fresh.push(el);
    }
    old.remove();
    carried.restore(fresh);
}
