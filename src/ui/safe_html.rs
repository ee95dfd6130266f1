//! Puts HTML from the API into the page through an allowlist.
//!
//! The browser's `DOMParser` builds an inert document (nothing in it loads or
//! runs), and a walk copies into the live page only what
//! `blog_core::rules::sanitize_policy` allows, node by node. No HTML string is
//! ever assigned to `innerHTML`, so there is no second parse to mutate.

use blog_core::rules::defuse_handlers::defuse_event_handlers;
use blog_core::rules::sanitize_policy::{
    attr_kind, clean_attr, element_rule, embed_attr_kind, embed_src, link_rel, ElementRule, Source,
    EMBED_SANDBOX,
};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, DomParser, Element, Node, SupportedType};

/// Deeper nesting than this is flattened: it is never legitimate content and
/// the walk must not exhaust the stack.
const MAX_DEPTH: u32 = 64;

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
        Source::Comment => Vec::new(),
    };
    let walker = Walker {
        live: &live,
        own_host: &own_host,
        source,
        embed_hosts: &embed_hosts,
    };
    walker.copy_children(&body, &fragment, 0);
    Some(fragment)
}

struct Walker<'a> {
    live: &'a Document,
    own_host: &'a str,
    source: Source,
    embed_hosts: &'a [String],
}

impl Walker<'_> {
    fn copy_children(&self, from: &Node, to: &Node, depth: u32) {
        let mut next = from.first_child();
        while let Some(node) = next {
            next = node.next_sibling();
            match node.node_type() {
                Node::TEXT_NODE => {
                    let text = self
                        .live
                        .create_text_node(&node.text_content().unwrap_or_default());
                    let _ = to.append_child(&text);
                }
                Node::ELEMENT_NODE => {
                    if let Ok(el) = node.dyn_into::<Element>() {
                        self.copy_element(&el, to, depth);
                    }
                }
                // Comments, CDATA and processing instructions carry nothing a
                // reader needs.
                _ => {}
            }
        }
    }

    fn copy_element(&self, el: &Element, to: &Node, depth: u32) {
        // An element outside the HTML namespace (SVG, MathML) is dropped
        // whatever its name: foreign content is where parsers disagree.
        if el.namespace_uri().as_deref() != Some(XHTML_NS) {
            return;
        }
        let tag = el.local_name().to_ascii_lowercase();
        if tag == "iframe" {
            self.copy_embed(el, to);
            return;
        }
        let rule = if depth >= MAX_DEPTH {
            ElementRule::Unwrap
        } else {
            element_rule(&tag)
        };
        match rule {
            ElementRule::Drop => {}
            ElementRule::Unwrap => self.copy_children(el, to, depth + 1),
            ElementRule::Keep => {
                let Ok(copy) = self.live.create_element(&tag) else {
                    return;
                };
                self.copy_attributes(el, &copy, &tag);
                self.copy_children(el, &copy, depth + 1);
                let _ = to.append_child(&copy);
            }
        }
    }

    /// An `<iframe>` from a configured host, rebuilt empty and sandboxed;
    /// any other is dropped.
    fn copy_embed(&self, from: &Element, to: &Node) {
        let Some(src) = from
            .get_attribute("src")
            .and_then(|src| embed_src(&src, self.embed_hosts))
        else {
            return;
        };
        let Ok(frame) = self.live.create_element("iframe") else {
            return;
        };
        for name in ["width", "height", "title"] {
            if let (Some(kind), Some(value)) = (embed_attr_kind(name), from.get_attribute(name)) {
                if let Some(clean) = clean_attr(kind, &value) {
                    let _ = frame.set_attribute(name, &clean);
                }
            }
        }
        let _ = frame.set_attribute("sandbox", EMBED_SANDBOX);
        let _ = frame.set_attribute("loading", "lazy");
        let _ = frame.set_attribute("referrerpolicy", "strict-origin-when-cross-origin");
        let _ = frame.set_attribute("allow", "fullscreen; picture-in-picture");
        let _ = frame.set_attribute("src", &src);
        let _ = to.append_child(&frame);
    }

    fn copy_attributes(&self, from: &Element, to: &Element, tag: &str) {
        for name in from
            .get_attribute_names()
            .iter()
            .filter_map(|n| n.as_string())
        {
            let name = name.to_ascii_lowercase();
            let (Some(kind), Some(value)) = (attr_kind(tag, &name), from.get_attribute(&name))
            else {
                continue;
            };
            if let Some(clean) = clean_attr(kind, &value) {
                let _ = to.set_attribute(&name, &clean);
            }
        }
        match tag {
            "a" => {
                if let Some(rel) = to
                    .get_attribute("href")
                    .and_then(|href| link_rel(&href, self.own_host, self.source))
                {
                    let _ = to.set_attribute("rel", rel);
                }
            }
            "img" => {
                // Content images sit below the title: never block the first paint.
                let _ = to.set_attribute("loading", "lazy");
                let _ = to.set_attribute("decoding", "async");
                // No text alternative given: decorative to assistive
                // technology (as WordPress writes it), not its file name.
                if !to.has_attribute("alt") {
                    let _ = to.set_attribute("alt", "");
                }
            }
            _ => {}
        }
    }
}
