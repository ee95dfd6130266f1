//! Puts HTML from the API into the page through an allowlist.
//!
//! The browser's `DOMParser` builds an inert document (nothing in it loads or
//! runs), and a walk copies into the live page only what
//! `blog_core::rules::sanitize_policy` allows, node by node. No HTML string is
//! ever assigned to `innerHTML`, so there is no second parse to mutate.

use blog_core::rules::defuse_handlers::defuse_event_handlers;
use blog_core::rules::sanitize_policy::Source;
use blog_core::rules::sanitize_walk::{walk, Attrs, Context, Sink, Tree};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, DomParser, Element, Node, SupportedType};

const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// Renders sanitised `html` inside a `<div class=...>`.
#[component]
pub fn SafeHtml(html: String, source: Source, #[prop(into)] class: String) -> impl IntoView {
    let target = NodeRef::<Div>::new();
    // The DOM is only touched once the element exists (never while the
    // component body runs), which keeps the component renderable elsewhere.
    // `replace_children` rather than append: loading twice must not repeat.
    target.on_load(move |el| {
        if let Some(fragment) = sanitize(&html, source) {
            el.replace_children_with_node_1(&fragment);
        }
    });
    view! { <div class=class node_ref=target></div> }
}

/// Renders a title's inline formatting (`<em>`…) inside a `<span>`; links,
/// blocks and media are not a title's (`Source::Title`).
#[component]
pub fn SafeTitle(html: String) -> impl IntoView {
    let target = NodeRef::<leptos::html::Span>::new();
    target.on_load(move |el| {
        if let Some(fragment) = sanitize(&html, Source::Title) {
            el.replace_children_with_node_1(&fragment);
        }
    });
    view! { <span node_ref=target></span> }
}

/// Parses `html` inertly and returns the allowed part as a fragment of the
/// live document. Handler and style attributes are renamed first, only so
/// that parsing them does not raise CSP reports (see `defuse_handlers`).
pub fn sanitize(html: &str, source: Source) -> Option<web_sys::DocumentFragment> {
    let window = web_sys::window()?;
    let live = window.document()?;
    let own_host = window.location().host().unwrap_or_default();
    let parsed = DomParser::new()
        .ok()?
        .parse_from_string(&defuse_event_handlers(html), SupportedType::TextHtml)
        .ok()?;
    let body = parsed.body()?;
    let fragment = live.create_document_fragment();
    let embed_hosts = match source {
        Source::Post => crate::transport::config::get().embed_hosts,
        Source::Comment | Source::Title => Vec::new(),
    };
    let cx = Context {
        own_host: &own_host,
        source,
        embed_hosts: &embed_hosts,
    };
    let mut sink = DomSink {
        live: &live,
        open: vec![fragment.clone().into()],
    };
    walk(&Dom, &body.into(), &cx, &mut sink);
    Some(fragment)
}

/// The inert parsed document, as the walk (`sanitize_walk`) reads it.
struct Dom;

impl Tree for Dom {
    type Node = Node;

    fn first_child(&self, node: &Node) -> Option<Node> {
        node.first_child()
    }

    fn next_sibling(&self, node: &Node) -> Option<Node> {
        node.next_sibling()
    }

    fn parent(&self, node: &Node) -> Option<Node> {
        node.parent_node()
    }

    fn text(&self, node: &Node) -> Option<String> {
        (node.node_type() == Node::TEXT_NODE).then(|| node.text_content().unwrap_or_default())
    }

    fn html_tag(&self, node: &Node) -> Option<String> {
        let el = node.dyn_ref::<Element>()?;
        (el.namespace_uri().as_deref() == Some(XHTML_NS))
            .then(|| el.local_name().to_ascii_lowercase())
    }

    fn attr(&self, node: &Node, name: &str) -> Option<String> {
        node.dyn_ref::<Element>()?.get_attribute(name)
    }

    fn attr_names(&self, node: &Node) -> Vec<String> {
        node.dyn_ref::<Element>()
            .map(|el| {
                el.get_attribute_names()
                    .iter()
                    .filter_map(|n| n.as_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn text_content(&self, node: &Node) -> String {
        node.text_content().unwrap_or_default()
    }
}

/// Builds what the walk keeps as nodes of the live document, below the
/// fragment: `open` is the chain of elements being filled.
struct DomSink<'a> {
    live: &'a Document,
    open: Vec<Node>,
}

impl Sink for DomSink<'_> {
    fn open(&mut self, tag: &str, attrs: &Attrs) {
        let Ok(el) = self.live.create_element(tag) else {
            // Never for the policy's names; its content still has a place.
            if let Some(parent) = self.open.last().cloned() {
                self.open.push(parent);
            }
            return;
        };
        for (name, value) in &attrs.0 {
            let _ = el.set_attribute(name, value);
        }
        if let Some(parent) = self.open.last() {
            let _ = parent.append_child(&el);
        }
        self.open.push(el.into());
    }

    fn text(&mut self, text: &str) {
        if let Some(parent) = self.open.last() {
            let _ = parent.append_child(&self.live.create_text_node(text));
        }
    }

    fn close(&mut self, _tag: &str) {
        if self.open.len() > 1 {
            self.open.pop();
        }
    }
}
