//! The chat's part of a prerendered page (`src/bin/chat.rs`, Trunk's
//! `chat.html`): the chat launcher and its window, attached to the page as
//! it is (`part_attach`) when the reader turns to the launcher, without the
//! comments' code.

use leptos::prelude::*;

use crate::transport::wordpress;
use crate::ui::app_context::SiteName;
use crate::ui::carry_over::note_launcher_shown;
use crate::ui::chat::widget::ChatWidget;
use crate::ui::part_attach::{mark_attached, prerendered_page, put_in_place, render_aside};

pub fn start() {
    let Some(page) = prerendered_page() else {
        return;
    };
    if let Some(chat) = page.query_selector(".chat").ok().flatten() {
        note_launcher_shown(&page);
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
    mark_attached(&page, "chat");
}
