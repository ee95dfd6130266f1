//! What a reader did in a prerendered page before the app (or one of its
//! parts) replaced its nodes, carried over to the app's: focus
//! goes to the same place, text typed into the comment form (and the
//! password and search fields) moves into the app's fields, a press on the
//! chat launcher opens the chat, and a launcher already shown stays. Shared
//! by `ui::takeover` (the whole page) and `ui::conversation` (the comments
//! and the chat); below both, and below the chat, which asks whether its
//! launcher was shown.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

use crate::ui::components::password_form::PASSWORD_FIELD_ID;
use crate::ui::components::site_header::SEARCH_FIELD_IDS;

/// The id of the wrapper the prerenderer puts the page in.
pub const PRERENDERED_ID: &str = "prerendered";

/// Set on the wrapper by index.html's starter when the reader pressed the
/// prerendered chat launcher before the app was there: the app opens the chat.
pub const OPEN_CHAT_ATTR: &str = "data-open-chat";

thread_local! {
    static LAUNCHER_SHOWN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the prerendered page already showed the chat launcher (its delay
/// is over): the app's launcher then shows at once.
pub fn launcher_was_shown() -> bool {
    LAUNCHER_SHOWN.with(|shown| shown.get())
}

/// The fields a reader types into before the app starts, by id: the comment
/// form's text fields, a protected post's password and the header's search
/// fields (then the consent box).
const FORM_FIELDS: [&str; 7] = [
    "comment",
    "author",
    "email",
    "url",
    PASSWORD_FIELD_ID,
    SEARCH_FIELD_IDS[0],
    SEARCH_FIELD_IDS[1],
];
const CONSENT_ID: &str = "wp-comment-cookies-consent";

/// Notes whether the prerendered launcher under `root` was already shown.
pub fn note_launcher_shown(root: &Element) {
    let shown = root
        .query_selector(".chat.chat-visible")
        .ok()
        .flatten()
        .is_some();
    LAUNCHER_SHOWN.with(|s| s.set(shown));
}

/// What the reader did in prerendered nodes before the app replaced them:
/// where focus was, what they typed, whether they pressed the chat launcher.
pub struct Carried {
    focus_path: Option<Vec<u32>>,
    typed: Vec<(&'static str, Value)>,
    open_chat: bool,
}

impl Carried {
    /// Reads it from the prerendered nodes under `root` (the whole page, or
    /// the piece a part replaces).
    pub fn capture(root: &Element) -> Carried {
        let focus_path = leptos::prelude::document()
            .active_element()
            .and_then(|active| path_to(root, &active));
        // Only the piece with the launcher carries its press: the part
        // replaces the comments and the chat separately.
        let open_chat = root
            .closest(&format!("#{PRERENDERED_ID}"))
            .ok()
            .flatten()
            .is_some_and(|page| page.has_attribute(OPEN_CHAT_ATTR))
            && root
                .query_selector(".chat-launcher")
                .ok()
                .flatten()
                .is_some();
        Carried {
            focus_path,
            typed: typed_in(root),
            open_chat,
        }
    }

    /// Gives it to the app's nodes that replaced `root`'s (`fresh`: the
    /// app's elements in the place of `root`'s children, or of `root`), once
    /// the app has mounted its content: from the next frame, waiting a few
    /// more while a field or the focused element is not there yet (a busy
    /// phone can take more than one frame to mount the route's content).
    pub fn restore(self, fresh: Vec<Element>) {
        if self.focus_path.is_none() && self.typed.is_empty() && !self.open_chat {
            return;
        }
        restore_when_mounted(self, fresh, MOUNT_FRAMES);
    }
}

/// Frames to wait at most for the app's nodes (about a second at 60 Hz).
const MOUNT_FRAMES: u32 = 60;

fn restore_when_mounted(carried: Carried, fresh: Vec<Element>, frames_left: u32) {
    leptos::prelude::request_animation_frame(move || {
        let document = leptos::prelude::document();
        let fields_there = carried
            .typed
            .iter()
            .all(|(id, _)| document.get_element_by_id(id).is_some());
        let focus_target = carried.focus_path.as_ref().map(|p| follow(&fresh, p));
        let focus_there = !matches!(focus_target, Some(None));
        if !(fields_there && focus_there) && frames_left > 0 {
            restore_when_mounted(carried, fresh, frames_left - 1);
            return;
        }
        for (id, value) in &carried.typed {
            restore_value(id, value);
        }
        if let Some(Some(target)) = focus_target {
            if let Ok(el) = target.dyn_into::<HtmlElement>() {
                let _ = el.focus();
            }
        }
        // The press the prerendered launcher could not answer: the app's
        // launcher answers it (opens the chat, focus goes into it).
        if carried.open_chat {
            let launcher = document.query_selector(".chat-launcher").ok().flatten();
            if let Some(button) = launcher.and_then(|l| l.dyn_into::<HtmlElement>().ok()) {
                if button.get_attribute("aria-expanded").as_deref() != Some("true") {
                    button.click();
                }
            }
        }
    });
}

/// What the reader typed (or ticked) in the prerendered comment form.
fn typed_in(root: &Element) -> Vec<(&'static str, Value)> {
    let mut typed = Vec::new();
    for id in FORM_FIELDS {
        let Ok(Some(el)) = root.query_selector(&format!("#{id}")) else {
            continue;
        };
        let (text, caret) = if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
            (area.value(), area.selection_end().ok().flatten())
        } else if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
            (input.value(), input.selection_end().ok().flatten())
        } else {
            continue;
        };
        if !text.is_empty() {
            typed.push((id, Value::Text(text, caret)));
        }
    }
    if let Ok(Some(el)) = root.query_selector(&format!("#{CONSENT_ID}")) {
        if let Some(box_) = el.dyn_ref::<HtmlInputElement>() {
            if box_.checked() {
                typed.push((CONSENT_ID, Value::Checked));
            }
        }
    }
    typed
}

enum Value {
    Text(String, Option<u32>),
    Checked,
}

/// Sets the app's field as the reader left the old one and tells the app
/// through the same event typing would have sent.
fn restore_value(id: &str, value: &Value) {
    let Some(el) = leptos::prelude::document().get_element_by_id(id) else {
        return;
    };
    let event = match value {
        Value::Text(text, caret) => {
            if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
                area.set_value(text);
                let _ = area.set_selection_range(caret.unwrap_or(0), caret.unwrap_or(0));
            } else if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                input.set_value(text);
                let _ = input.set_selection_range(caret.unwrap_or(0), caret.unwrap_or(0));
            }
            "input"
        }
        Value::Checked => {
            if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                input.set_checked(true);
            }
            "change"
        }
    };
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict(event, &init) {
        let _ = el.dispatch_event(&event);
    }
}

/// Child indexes from `root` down to `target`, if it is inside. Only the
/// elements both renders have count: the prerendered page's `<noscript>`
/// notes are not in the app's.
fn path_to(root: &Element, target: &Element) -> Option<Vec<u32>> {
    let mut path = Vec::new();
    let mut node = target.clone();
    while &node != root {
        let parent = node.parent_element()?;
        let index = shared_children(&parent).iter().position(|c| c == &node)?;
        path.push(index as u32);
        node = parent;
    }
    path.reverse();
    Some(path)
}

fn follow(top: &[Element], path: &[u32]) -> Option<Element> {
    let top: Vec<Element> = top.iter().filter(|e| !is_noscript(e)).cloned().collect();
    let (first, rest) = path.split_first()?;
    let mut node = top.get(*first as usize)?.clone();
    for &i in rest {
        node = shared_children(&node).get(i as usize)?.clone();
    }
    Some(node)
}

fn shared_children(parent: &Element) -> Vec<Element> {
    let children = parent.children();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .filter(|e| !is_noscript(e))
        .collect()
}

fn is_noscript(el: &Element) -> bool {
    el.tag_name().eq_ignore_ascii_case("noscript")
}
