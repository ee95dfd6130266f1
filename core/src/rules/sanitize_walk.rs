//! The sanitiser's walk, written once for both trees it runs over: the
//! browser's `DOMParser` document (`ui::safe_html`) and html5ever's
//! (`sanitize_native`, for the prerenderer). Each gives a [`Tree`] to read
//! and a [`Sink`] to write; the walk decides, through `sanitize_policy`,
//! what of each node is copied. So a rule changes in one place, and the two
//! outputs can only differ where the trees themselves do.
//!
//! The walk is a loop with its own stack, not recursion: no parser's
//! nesting limit is the walk's, and a hostile post must not reach the
//! thread's stack.

use crate::rules::sanitize_policy::{
    attr_kind, clean_attr, element_rule, embed, finish_attributes, image_link_label, inline_style,
    is_caption, is_captioned_figure, AttrSet, ElementRule, Embed, Source, CAPTION_SEARCH_DEPTH,
    EMBED_CARD_CLASS, EMBED_CARD_HOST_CLASS, EMBED_CARD_TITLE_CLASS,
};

/// Deeper nesting than this is flattened (the elements unwrapped, their
/// text kept): it is never legitimate content.
pub const MAX_DEPTH: u32 = 64;

/// A parsed document, read node by node.
pub trait Tree {
    type Node: Clone;
    fn first_child(&self, node: &Self::Node) -> Option<Self::Node>;
    fn next_sibling(&self, node: &Self::Node) -> Option<Self::Node>;
    fn parent(&self, node: &Self::Node) -> Option<Self::Node>;
    /// A text node's text; `None` for any other node.
    fn text(&self, node: &Self::Node) -> Option<String>;
    /// An HTML element's local name, lowercase; `None` for any other node
    /// (comments, doctypes, and SVG or MathML elements: foreign content is
    /// where parsers disagree, and it is dropped whole).
    fn html_tag(&self, node: &Self::Node) -> Option<String>;
    /// `getAttribute`: the first attribute with that qualified name.
    fn attr(&self, node: &Self::Node, name: &str) -> Option<String>;
    /// `getAttributeNames`: qualified names in source order.
    fn attr_names(&self, node: &Self::Node) -> Vec<String>;
    /// `textContent`: the text of the node and its descendants.
    fn text_content(&self, node: &Self::Node) -> String;
}

/// Where the walk writes what it keeps, in document order.
pub trait Sink {
    fn open(&mut self, tag: &str, attrs: &Attrs);
    fn text(&mut self, text: &str);
    fn close(&mut self, tag: &str);
}

/// An element's attributes as `setAttribute` builds them: a new name goes
/// last, an existing one is overwritten in place.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Attrs(pub Vec<(String, String)>);

impl AttrSet for Attrs {
    fn attr(&self, name: &str) -> Option<String> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }
    fn set_attr(&mut self, name: &str, value: &str) {
        match self.0.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value.to_string(),
            None => self.0.push((name.to_string(), value.to_string())),
        }
    }
}

/// What a walk knows of the page: the site's host (`location.host`: links
/// to it are not external), what the HTML is, and the hosts whose frames
/// are embedded (empty for comments and titles).
pub struct Context<'a> {
    pub own_host: &'a str,
    pub source: Source,
    pub embed_hosts: &'a [String],
}

/// Copies the children of `root` (the parsed `<body>`) into `sink`,
/// through the policy.
pub fn walk<T: Tree>(tree: &T, root: &T::Node, cx: &Context, sink: &mut impl Sink) {
    /// The next child to copy of an element, its depth, and the tag to
    /// close when its children are done (`None` where it was unwrapped).
    struct Frame<N> {
        next: Option<N>,
        depth: u32,
        close: Option<String>,
    }
    let mut stack = vec![Frame {
        next: tree.first_child(root),
        depth: 0,
        close: None,
    }];
    while let Some(frame) = stack.last_mut() {
        let Some(node) = frame.next.take() else {
            if let Some(tag) = stack.pop().and_then(|done| done.close) {
                sink.close(&tag);
            }
            continue;
        };
        frame.next = tree.next_sibling(&node);
        let depth = frame.depth;
        if let Some(text) = tree.text(&node) {
            sink.text(&text);
            continue;
        }
        let Some(tag) = tree.html_tag(&node) else {
            continue;
        };
        if tag == "iframe" {
            copy_embed(tree, &node, cx, sink);
            continue;
        }
        let rule = if depth >= MAX_DEPTH {
            ElementRule::Unwrap
        } else {
            element_rule(&tag, cx.source)
        };
        let close = match rule {
            ElementRule::Drop => continue,
            ElementRule::Unwrap => None,
            ElementRule::Keep => {
                sink.open(&tag, &copy_attributes(tree, &node, &tag, cx));
                Some(tag)
            }
        };
        stack.push(Frame {
            next: tree.first_child(&node),
            depth: depth + 1,
            close,
        });
    }
}

/// The allowed attributes, cleaned, in source order; then a link's name
/// where it has none, and the policy's additions (`finish_attributes`).
fn copy_attributes<T: Tree>(tree: &T, node: &T::Node, tag: &str, cx: &Context) -> Attrs {
    let mut to = Attrs::default();
    for name in tree.attr_names(node) {
        let name = name.to_ascii_lowercase();
        let (Some(kind), Some(value)) = (attr_kind(tag, &name), tree.attr(node, &name)) else {
            continue;
        };
        if let Some(clean) = clean_attr(kind, &value) {
            to.set_attr(&name, &clean);
        }
    }
    if tag == "a" {
        if let Some(label) = image_only_link_label(tree, node) {
            to.set_attr("aria-label", &label);
        }
    }
    let style = inline_style(|name| tree.attr(node, name));
    finish_attributes(tag, &mut to, cx.own_host, cx.source, style.as_deref());
    to
}

/// An `<iframe>`: rebuilt empty and sandboxed from a configured host, a
/// link card from any other (`sanitize_policy::embed`).
fn copy_embed<T: Tree>(tree: &T, node: &T::Node, cx: &Context, sink: &mut impl Sink) {
    match embed(|name| tree.attr(node, name), cx.embed_hosts, cx.source) {
        Embed::Frame(attrs) => {
            let mut frame = Attrs::default();
            for (name, value) in attrs {
                frame.set_attr(name, &value);
            }
            sink.open("iframe", &frame);
            sink.close("iframe");
        }
        Embed::Card { href, title, host } => {
            let mut card = Attrs::default();
            card.set_attr("class", EMBED_CARD_CLASS);
            card.set_attr("href", &href);
            finish_attributes("a", &mut card, cx.own_host, cx.source, None);
            sink.open("a", &card);
            for (class, text) in [
                (EMBED_CARD_TITLE_CLASS, title),
                (EMBED_CARD_HOST_CLASS, host),
            ] {
                sink.open("span", &Attrs(vec![("class".into(), class.into())]));
                sink.text(&text);
                sink.close("span");
            }
            sink.close("a");
        }
        Embed::Nothing => {}
    }
}

/// A name for a link whose only content is images without `alt`
/// (`image_link_label`): the caption of the figure it sits in (a gallery
/// item's, a classic `wp-caption`'s), else the image's title or file name.
fn image_only_link_label<T: Tree>(tree: &T, link: &T::Node) -> Option<String> {
    if !tree.text_content(link).trim().is_empty() {
        return None;
    }
    let images: Vec<T::Node> = descendants(tree, link)
        .into_iter()
        .filter(|n| tree.html_tag(n).as_deref() == Some("img"))
        .collect();
    let first = images.first()?;
    let has_alt = images.iter().any(|img| {
        tree.attr(img, "alt")
            .is_some_and(|alt| !alt.trim().is_empty())
    });
    if has_alt {
        return None;
    }
    let caption = caption_near(tree, link);
    image_link_label(
        caption.as_deref(),
        tree.attr(first, "title").as_deref(),
        tree.attr(first, "src").as_deref(),
    )
}

/// The text of the caption of the nearest figure among the link's closest
/// ancestors (`sanitize_policy::is_captioned_figure`).
fn caption_near<T: Tree>(tree: &T, link: &T::Node) -> Option<String> {
    let mut at = tree.parent(link);
    for _ in 0..CAPTION_SEARCH_DEPTH {
        let el = at?;
        let tag = tree.html_tag(&el)?;
        if is_captioned_figure(&tag, tree.attr(&el, "class").as_deref()) {
            let mut child = tree.first_child(&el);
            while let Some(c) = child {
                let is = tree
                    .html_tag(&c)
                    .is_some_and(|t| is_caption(&t, tree.attr(&c, "class").as_deref()));
                if is {
                    return Some(tree.text_content(&c));
                }
                child = tree.next_sibling(&c);
            }
            return None;
        }
        at = tree.parent(&el);
    }
    None
}

/// The nodes below `root`, in document order.
fn descendants<T: Tree>(tree: &T, root: &T::Node) -> Vec<T::Node> {
    let mut out = Vec::new();
    let mut stack: Vec<T::Node> = tree.first_child(root).into_iter().collect();
    while let Some(node) = stack.pop() {
        if let Some(next) = tree.next_sibling(&node) {
            stack.push(next);
        }
        if let Some(child) = tree.first_child(&node) {
            stack.push(child);
        }
        out.push(node);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One node of a tree written by hand.
    struct ToyNode {
        /// The tag, or `#text`.
        tag: String,
        attrs: Vec<(String, String)>,
        text: String,
        children: Vec<usize>,
        parent: Option<usize>,
    }

    struct Toy {
        nodes: Vec<ToyNode>,
    }

    impl Toy {
        fn new() -> Toy {
            Toy {
                nodes: vec![ToyNode {
                    tag: "body".into(),
                    attrs: vec![],
                    text: String::new(),
                    children: vec![],
                    parent: None,
                }],
            }
        }
        fn add(&mut self, parent: usize, tag: &str, attrs: &[(&str, &str)], text: &str) -> usize {
            let id = self.nodes.len();
            self.nodes.push(ToyNode {
                tag: tag.into(),
                attrs: attrs
                    .iter()
                    .map(|(n, v)| (n.to_string(), v.to_string()))
                    .collect(),
                text: text.into(),
                children: vec![],
                parent: Some(parent),
            });
            self.nodes[parent].children.push(id);
            id
        }
    }

    impl Tree for Toy {
        type Node = usize;
        fn first_child(&self, node: &usize) -> Option<usize> {
            self.nodes[*node].children.first().copied()
        }
        fn next_sibling(&self, node: &usize) -> Option<usize> {
            let kids = &self.nodes[self.nodes[*node].parent?].children;
            let at = kids.iter().position(|k| k == node)?;
            kids.get(at + 1).copied()
        }
        fn parent(&self, node: &usize) -> Option<usize> {
            self.nodes[*node].parent
        }
        fn text(&self, node: &usize) -> Option<String> {
            let n = &self.nodes[*node];
            (n.tag == "#text").then(|| n.text.clone())
        }
        fn html_tag(&self, node: &usize) -> Option<String> {
            let tag = &self.nodes[*node].tag;
            (tag != "#text" && tag != "svg").then(|| tag.clone())
        }
        fn attr(&self, node: &usize, name: &str) -> Option<String> {
            let attrs = &self.nodes[*node].attrs;
            attrs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
        }
        fn attr_names(&self, node: &usize) -> Vec<String> {
            let attrs = &self.nodes[*node].attrs;
            attrs.iter().map(|(n, _)| n.clone()).collect()
        }
        fn text_content(&self, node: &usize) -> String {
            descendants(self, node)
                .into_iter()
                .filter_map(|n| self.text(&n))
                .collect()
        }
    }

    /// Writes what it is given as tags, for the assertions.
    #[derive(Default)]
    struct Tags(String);

    impl Sink for Tags {
        fn open(&mut self, tag: &str, attrs: &Attrs) {
            self.0.push('<');
            self.0.push_str(tag);
            for (n, v) in &attrs.0 {
                self.0.push_str(&format!(" {n}=\"{v}\""));
            }
            self.0.push('>');
        }
        fn text(&mut self, text: &str) {
            self.0.push_str(text);
        }
        fn close(&mut self, tag: &str) {
            self.0.push_str(&format!("</{tag}>"));
        }
    }

    fn walked(tree: &Toy, source: Source) -> String {
        let cx = Context {
            own_host: "blog.example",
            source,
            embed_hosts: &[],
        };
        let mut out = Tags::default();
        walk(tree, &0, &cx, &mut out);
        out.0
    }

    #[test]
    fn keeps_unwraps_and_drops_by_the_policy() {
        let mut t = Toy::new();
        let p = t.add(0, "p", &[("onclick", "x()"), ("class", "a")], "");
        t.add(p, "#text", &[], "Hi ");
        let a = t.add(p, "a", &[("href", "https://blog.example/x")], "");
        t.add(a, "#text", &[], "there");
        let s = t.add(0, "script", &[], "");
        t.add(s, "#text", &[], "bad()");
        let svg = t.add(0, "svg", &[], "");
        t.add(svg, "#text", &[], "foreign");
        let font = t.add(0, "font", &[], "");
        t.add(font, "#text", &[], "kept text");
        let html = walked(&t, Source::Post);
        assert!(
            html.starts_with("<p class=\"a\">Hi <a href=\"https://blog.example/x\""),
            "{html}"
        );
        assert!(!html.contains("bad()") && !html.contains("foreign") && !html.contains("onclick"));
        assert!(html.ends_with("kept text"), "{html}");
    }

    #[test]
    fn deep_nesting_is_flattened_without_recursion() {
        let mut t = Toy::new();
        let mut at = 0;
        for _ in 0..10_000 {
            at = t.add(at, "div", &[], "");
        }
        t.add(at, "#text", &[], "deep");
        let html = walked(&t, Source::Post);
        assert_eq!(html.matches("<div>").count(), MAX_DEPTH as usize);
        assert_eq!(html.matches("</div>").count(), MAX_DEPTH as usize);
        assert!(html.contains("deep"));
    }

    #[test]
    fn an_image_only_link_is_named_by_its_caption() {
        let mut t = Toy::new();
        let figure = t.add(0, "figure", &[("class", "wp-block-image")], "");
        let a = t.add(figure, "a", &[("href", "/big.jpg")], "");
        t.add(a, "img", &[("src", "/small.jpg")], "");
        let caption = t.add(figure, "figcaption", &[], "");
        t.add(caption, "#text", &[], "A heron");
        let html = walked(&t, Source::Post);
        assert!(html.contains("aria-label=\"A heron\""), "{html}");
    }
}
