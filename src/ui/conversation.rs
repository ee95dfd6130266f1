//! The comments' part of a prerendered page (`src/bin/conversation.rs`,
//! Trunk's `part` page): what a reader who reaches the comments needs, and
//! nothing else. It attaches the comments section to the page as it is
//! (`part_attach`); the chat is a part of its own (`chat_part`).

use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
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

/// Comments rendered in one step, about: on a phone (4x CPU) each costs
/// a few milliseconds (its sanitised HTML parsed and walked, its nodes
/// made), and a step must stay under the 50 ms of a long task.
const COMMENTS_PER_STEP: usize = 8;

/// The comments section in steps: rendered aside without its list and
/// form, then its list a few threads a step, then the form (each a good
/// part of the code the WASM compiles as it first runs), then put in the
/// prerendered section's place.
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
    let (list, show_list) = signal(0usize);
    let (form, show_form) = signal(false);
    let fresh = Rc::new(Cell::new(None));
    let rendered = fresh.clone();
    let mut steps = VecDeque::from([Box::new(move || {
        rendered.set(own_tasks::apart(|| {
            render_aside(move || {
                provide_context(Unfold { list, form });
                view! { <CommentsSection post open /> }
            })
        }))
    }) as Step]);
    for shown in list_steps(&thread_sizes(&section), COMMENTS_PER_STEP) {
        steps.push_back(Box::new(move || show_list.set(shown)));
    }
    steps.push_back(Box::new(move || show_form.set(true)));
    steps.push_back(Box::new(move || {
        if let Some(fresh) = fresh.take() {
            put_in_place(&section, fresh);
        }
    }));
    steps
}

/// The comments in each of the prerendered list's threads, in order.
fn thread_sizes(section: &Element) -> Vec<usize> {
    let Ok(threads) = section.query_selector_all(".comment-list > li") else {
        return Vec::new();
    };
    (0..threads.length())
        .filter_map(|i| threads.item(i)?.dyn_into::<Element>().ok())
        .map(|li| {
            let replies = li.query_selector_all(".comment").map_or(0, |r| r.length());
            1 + replies as usize
        })
        .collect()
}

/// How many threads the list shows after each of its steps: whole threads,
/// about `per_step` comments a step (a longer thread is a step of its own),
/// the last step showing all (with what the refresh or the device added).
fn list_steps(comments_per_thread: &[usize], per_step: usize) -> Vec<usize> {
    let mut steps = Vec::new();
    let mut in_step = 0;
    for (i, n) in comments_per_thread.iter().enumerate() {
        in_step += n;
        if in_step >= per_step && i + 1 < comments_per_thread.len() {
            steps.push(i + 1);
            in_step = 0;
        }
    }
    steps.push(usize::MAX);
    steps
}

#[cfg(test)]
mod tests {
    use super::list_steps;

    #[test]
    fn the_list_grows_by_whole_threads_of_about_a_step_each() {
        // Four threads of three: two a step, the last step shows all.
        assert_eq!(list_steps(&[3, 3, 3, 3], 5), vec![2, usize::MAX]);
        // A long thread is a step of its own, never cut.
        assert_eq!(list_steps(&[1, 1, 30, 1], 10), vec![3, usize::MAX]);
        assert_eq!(list_steps(&[30], 10), vec![usize::MAX]);
        // Few comments, or none: one step.
        assert_eq!(list_steps(&[1, 2], 8), vec![usize::MAX]);
        assert_eq!(list_steps(&[], 8), vec![usize::MAX]);
        // 20 threads of one: 8, 16, then all.
        assert_eq!(list_steps(&[1; 20], 8), vec![8, 16, usize::MAX]);
    }
}
