//! The chat's part of a prerendered page (`src/bin/chat.rs`, Trunk's
//! `chat` page): the chat launcher and its window, attached to the page as
//! it is (`part_attach`) when the reader turns to the launcher, without the
//! comments' code.

use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::Rc;

use leptos::prelude::*;

use crate::transport::wordpress;
use crate::ui::app_context::SiteName;
use crate::ui::carry_over::note_launcher_shown;
use crate::ui::chat::widget::ChatWidget;
use crate::ui::own_tasks;
use crate::ui::part_attach::{
    in_turn, mark_attached, prerendered_page, put_in_place, render_aside, Step,
};

/// In two steps: the chat rendered aside (its effects then start each in a
/// task of its own), then put in the prerendered launcher's place, where a
/// press the reader made before is answered.
pub fn start() {
    let Some(page) = prerendered_page() else {
        return;
    };
    own_tasks::init();
    let Some(chat) = page.query_selector(".chat").ok().flatten() else {
        mark_attached(&page, "chat");
        return;
    };
    let fresh = Rc::new(Cell::new(None));
    let rendered = fresh.clone();
    let shown_on = page.clone();
    in_turn(VecDeque::from([
        Box::new(move || {
            note_launcher_shown(&shown_on);
            let path = window().location().pathname().unwrap_or_default();
            let name = wordpress::cached_site_info()
                .map(|s| s.display_name())
                .unwrap_or_default();
            rendered.set(own_tasks::apart(|| {
                render_aside(move || {
                    provide_context(SiteName(Signal::stored(name)));
                    view! { <ChatWidget path=Signal::stored(path) /> }
                })
            }));
        }) as Step,
        Box::new(move || {
            if let Some(fresh) = fresh.take() {
                put_in_place(&chat, fresh);
            }
            mark_attached(&page, "chat");
        }),
    ]));
}
