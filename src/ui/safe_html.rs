//! Puts HTML from the API into the page through an allowlist.
//!
//! The browser's `DOMParser` builds an inert document (nothing in it loads or
//! runs), and a walk copies into the live page only what
//! `blog_core::rules::sanitize_policy` allows, node by node. No HTML string is
//! ever assigned to `innerHTML`, so there is no second parse to mutate.

use blog_core::rules::defuse_handlers::defuse_event_handlers;
use blog_core::rules::sanitize_policy::{
    attr_kind, clean_attr, element_rule, embed, finish_attributes, image_link_label, inline_style,
    is_caption, is_captioned_figure, AttrSet, ElementRule, Embed, Source, CAPTION_SEARCH_DEPTH,
    EMBED_CARD_CLASS, EMBED_CARD_HOST_CLASS, EMBED_CARD_TITLE_CLASS,
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
            element_rule(&tag, self.source)
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

    /// An `<iframe>`: rebuilt empty and sandboxed from a configured host,
    /// a link card from any other (`sanitize_policy::embed`).
    fn copy_embed(&self, from: &Element, to: &Node) {
        match embed(
            |name| from.get_attribute(name),
            self.embed_hosts,
            self.source,
        ) {
            Embed::Frame(attrs) => {
                let Ok(frame) = self.live.create_element("iframe") else {
                    return;
                };
                for (name, value) in attrs {
                    let _ = frame.set_attribute(name, &value);
                }
                let _ = to.append_child(&frame);
            }
            Embed::Card { href, title, host } => {
                let Ok(card) = self.live.create_element("a") else {
                    return;
                };
                let _ = card.set_attribute("class", EMBED_CARD_CLASS);
                let _ = card.set_attribute("href", &href);
                let mut attrs = DomAttrs(card.clone());
                finish_attributes("a", &mut attrs, self.own_host, self.source, None);
                for (class, text) in [
                    (EMBED_CARD_TITLE_CLASS, title),
                    (EMBED_CARD_HOST_CLASS, host),
                ] {
                    if let Ok(part) = self.live.create_element("span") {
                        let _ = part.set_attribute("class", class);
                        part.set_text_content(Some(&text));
                        let _ = card.append_child(&part);
                    }
                }
                let _ = to.append_child(&card);
            }
            Embed::Nothing => {}
        }
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
        if tag == "a" {
            if let Some(label) = image_only_link_label(from) {
                let _ = to.set_attribute("aria-label", &label);
            }
        }
        let style = inline_style(|name| from.get_attribute(name));
        finish_attributes(
            tag,
            &mut DomAttrs(to.clone()),
            self.own_host,
            self.source,
            style.as_deref(),
        );
    }
}

/// The browser's element as the policy's [`AttrSet`].
struct DomAttrs(Element);

impl AttrSet for DomAttrs {
    fn attr(&self, name: &str) -> Option<String> {
        self.0.get_attribute(name)
    }
    fn set_attr(&mut self, name: &str, value: &str) {
        let _ = self.0.set_attribute(name, value);
    }
}

/// A name for a link whose only content is images without `alt`
/// (`image_link_label`): the caption of the figure it sits in (a gallery
/// item's, a classic `wp-caption`'s), else the image's title or file name.
/// The native walk (`blog_core::rules::sanitize_native`) reads its tree the same way.
fn image_only_link_label(link: &Element) -> Option<String> {
    if !link.text_content().unwrap_or_default().trim().is_empty() {
        return None;
    }
    let images = link.get_elements_by_tag_name("img");
    let first = images.item(0)?;
    for i in 0..images.length() {
        let alt = images.item(i).and_then(|img| img.get_attribute("alt"));
        if alt.is_some_and(|alt| !alt.trim().is_empty()) {
            return None;
        }
    }
    let caption = caption_near(link);
    image_link_label(
        caption.as_deref(),
        first.get_attribute("title").as_deref(),
        first.get_attribute("src").as_deref(),
    )
}

/// The text of the caption of the nearest figure among the link's closest
/// ancestors (`sanitize_policy::is_captioned_figure`).
fn caption_near(link: &Element) -> Option<String> {
    let mut at = link.parent_element();
    for _ in 0..CAPTION_SEARCH_DEPTH {
        let el = at?;
        if is_captioned_figure(&el.local_name(), el.get_attribute("class").as_deref()) {
            let mut child = el.first_element_child();
            while let Some(c) = child {
                if is_caption(&c.local_name(), c.get_attribute("class").as_deref()) {
                    return c.text_content();
                }
                child = c.next_element_sibling();
            }
            return None;
        }
        at = el.parent_element();
    }
    None
}
