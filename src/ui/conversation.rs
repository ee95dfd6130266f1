//! The comments' part of a prerendered page (`src/bin/conversation.rs`,
//! Trunk's `part` page): what a reader who reaches the comments needs, and
//! nothing else. It attaches the comments section to the page as it is
//! (`part_attach`); the chat is a part of its own (`chat_part`).

use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::Rc;

use leptos::prelude::*;
use web_sys::Element;

use crate::ui::comments::section::{CommentsSection, Unfold};
use crate::ui::own_tasks;
use crate::ui::part_attach::{
    in_turn, mark_attached, prerendered_page, put_in_place, render_aside, Step,
};

pub fn start() {
    let Some(page) = prerendered_page() else {
        return;
    };
    own_tasks::init();
    let mut steps = comments_steps(&page);
    steps.push_back(Box::new(move || mark_attached(&page, "comments")));
    in_turn(steps);
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
