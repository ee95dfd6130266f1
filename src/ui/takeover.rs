//! Starts the app. On a prerendered page the article is already on screen,
//! inside `<div id="prerendered">`: the app renders the same page from the
//! page's seed (no request, see `transport::seed`), then the old nodes are
//! removed in the same task, so the browser never paints a frame without the
//! text, and nothing moves (the wrapper is `display: contents`). Focus, if
//! the reader had moved it into the page already, goes to the same place.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::ui::app::App;

/// The id of the wrapper the prerenderer puts the page in.
pub const PRERENDERED_ID: &str = "prerendered";

pub fn start() {
    let document = web_sys::window().and_then(|w| w.document());
    let old = document
        .as_ref()
        .and_then(|d| d.get_element_by_id(PRERENDERED_ID));
    let focus_path = old
        .as_ref()
        .zip(document.as_ref().and_then(|d| d.active_element()))
        .and_then(|(root, active)| path_to(root, &active));

    leptos::mount::mount_to_body(App);

    let Some(old) = old else { return };
    // The app's top-level elements follow the wrapper in <body>.
    let mut fresh = Vec::new();
    let mut next = old.next_element_sibling();
    while let Some(el) = next {
        next = el.next_element_sibling();
        fresh.push(el);
    }
    old.remove();
    if let Some(target) = focus_path.and_then(|p| follow(&fresh, &p)) {
        if let Ok(el) = target.dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Child indexes from `root` down to `target`, if it is inside.
fn path_to(root: &Element, target: &Element) -> Option<Vec<u32>> {
    let mut path = Vec::new();
    let mut node = target.clone();
    while &node != root {
        let parent = node.parent_element()?;
        let children = parent.children();
        let index = (0..children.length()).find(|&i| children.item(i).as_ref() == Some(&node))?;
        path.push(index);
        node = parent;
    }
    path.reverse();
    Some(path)
}

fn follow(top: &[Element], path: &[u32]) -> Option<Element> {
    let (first, rest) = path.split_first()?;
    let mut node = top.get(*first as usize)?.clone();
    for &i in rest {
        node = node.children().item(i)?;
    }
    Some(node)
}
